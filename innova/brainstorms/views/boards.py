"""The board pages: the list, creating one, joining by code, the board itself, the projector, the replay and
guests."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_or_message
from innova.fronts.models import Front

from .. import selectors
from ..forms import BoardForm, CardForm, GroupForm, GuestForm, JoinCodeForm, LimitsForm, PromoteForm
from ..models import Board, Card, CardGroup, Phase
from ..services.boards import board_create, guest_join
from ..services.dots import dots_left
from ..services.participation import GUEST_SESSION_KEY, participation_check
from .base import REFUSALS, someone_of, visible_board
from .participation import DRAFT_KEY


def index(request):
    return render(
        request,
        "brainstorms/index.html",
        {"boards": selectors.board_list_open(user=request.user), "join_form": JoinCodeForm()},
    )


@login_required
def create(request):
    front = None
    front_id = request.POST.get("front") or request.GET.get("frente")
    if front_id and str(front_id).isdigit():
        front = get_object_or_404(Front, pk=int(front_id))
    require_perm(request.user, "brainstorms.create_board", front)
    form = BoardForm(request.POST or None, initial={"front": front.pk if front else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        board = service_into_form(
            form,
            lambda: board_create(
                actor=request.user,
                prompt=data["prompt"],
                front=front,
                allow_anonymous=data["allow_anonymous"],
                allow_guests=data["allow_guests"],
                members_only=data["members_only"],
                dots_per_person=data["dots_per_person"],
            ),
        )
        if board is not None:
            messages.success(request, _("The brainstorm is open. Share the room code."))
            return redirect(board)
    return render(request, "brainstorms/create.html", {"form": form, "front": front})


def join_code(request):
    form = JoinCodeForm(request.GET or None)
    if request.GET and form.is_valid():
        code = form.cleaned_data["codigo"].strip().upper().replace(" ", "")
        board = Board.objects.filter(join_code=code).first()
        if board is not None:
            return redirect(board)
        form.add_error("codigo", _("No brainstorm has that code. Check it on the facilitator's screen."))
    return render(request, "brainstorms/join.html", {"form": form})


def _qr_svg(request, board: Board) -> str:
    url = request.build_absolute_uri(f"{reverse('brainstorms:join_code')}?codigo={board.join_code}")
    svg = segno.make(url, error="m").svg_inline(scale=6, dark="#1b1b1b", light="#ffffff", omitsize=True)
    return mark_safe(svg)  # noqa: S308 - segno's own SVG, the URL is ours  # nosec B308 B703


def _board_context(request, board: Board) -> dict:
    someone = someone_of(request)
    groups, loose = selectors.board_groups(board=board, someone=someone)
    can_facilitate = request.user.has_perm("brainstorms.facilitate_board", board)
    try:
        participation_check(board=board, someone=someone)
        may_take_part = True
        refusal = ""
    except PermissionDenied as error:
        may_take_part = False
        refusal = str(error)
    return {
        "board": board,
        "groups": groups,
        "loose": loose,
        "someone": someone,
        "can_facilitate": can_facilitate,
        "may_take_part": may_take_part,
        "refusal": refusal,
        "dots_left": dots_left(board=board, someone=someone),
        "phases": Phase.choices,
        # Blank card and group the live script clones (ids 0 are replaced by the real ones).
        "template_card": Card(pk=0, board=board, text="", vote_count=0),
        "template_group": _blank_group(),
    }


def _blank_group() -> CardGroup:
    group = CardGroup(pk=0, name="")
    group.card_list = []
    return group


@visible_board
def detail(request, board: Board):
    context = _board_context(request, board)
    context["card_form"] = CardForm(initial=request.session.pop(DRAFT_KEY, None))
    if context["can_facilitate"]:
        context["qr"] = _qr_svg(request, board)
        context["group_form"] = GroupForm()
        context["limits_form"] = LimitsForm(
            initial={"ideas_per_hour": board.ideas_per_hour, "dot_changes_per_minute": board.dot_changes_per_minute}
        )
        if board.phase == Phase.CLOSED:
            context["promote_form"] = PromoteForm(initial={"theme": board.front.theme_id if board.front_id else None})
    if board.phase == Phase.CLOSED:
        context["results"] = selectors.board_results(board=board)
    return render(request, "brainstorms/detail.html", context)


@visible_board
def projector(request, board: Board):
    context = _board_context(request, board)
    context["qr"] = _qr_svg(request, board)
    return render(request, "brainstorms/projector.html", context)


@visible_board
def events(request, board: Board):
    """Replay for clients without a WebSocket (or debugging): the events after ``since``."""
    try:
        since = max(0, int(request.GET.get("since", "0")))
    except ValueError:
        since = 0
    return JsonResponse(
        {"last_seq": board.last_seq, "events": selectors.board_events_since(board_id=board.pk, since=since)}
    )


@visible_board
def guest(request, board: Board):
    if not board.allow_guests:
        messages.error(request, _("This brainstorm does not take guests. Log in to take part."))
        return redirect(board)
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_guest = service_or_message(
            request,
            lambda: guest_join(
                board=board, nickname=form.cleaned_data["nickname"], accept_policy=form.cleaned_data["accept_policy"]
            ),
            refusals=REFUSALS,
        )
        if new_guest is not None:
            request.session[GUEST_SESSION_KEY] = new_guest.pk
            messages.success(request, _("Welcome, %(name)s. Post your ideas.") % {"name": new_guest.nickname})
            return redirect(board)
    return render(request, "brainstorms/guest.html", {"board": board, "form": form})
