import functools

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core import exports
from innova.core.pdf import pdf_render, pdf_response
from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_or_message, service_with_message
from innova.core.views import form_action
from innova.fronts.models import Front

from . import selectors
from .forms import BoardForm, CardForm, GroupForm, GuestForm, JoinCodeForm, LimitsForm, PromoteForm
from .grouping import suggest_groups
from .models import Board, Card, CardGroup, Phase
from .services import groups as card_groups
from .services.boards import board_create, board_phase_set, guest_join
from .services.cards import card_post
from .services.conversion import card_to_problem, card_to_proposal
from .services.dots import card_unvote, card_vote, dots_left
from .services.groups import board_groups_apply, card_move
from .services.limits import board_limits_set
from .services.participation import (
    GUEST_SESSION_KEY,
    BoardHidden,
    Someone,
    board_view_check,
    participation_check,
    someone_of_session,
)

DRAFT_KEY = "brainstorm_card_draft"


def _someone(request) -> Someone:
    return someone_of_session(user=request.user, session=request.session)


# What a participant is refused (a guest not allowed, a full board, a wrong phase) comes back as a message.
REFUSALS = (PermissionDenied, ValidationError)


def _board(pk: int) -> Board:
    return get_object_or_404(Board.objects.select_related("front", "facilitator"), pk=pk)


def visible_board(view):
    """Every view of one board receives it only when the visitor may see it
    (``services.participation.board_view_check``, also inside every service): to anyone else a members-only board
    answers 404, whose page says whom the board is for and how to join its front, never its question or cards."""

    @functools.wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        board = _board(pk)
        try:
            board_view_check(board=board, user=request.user)
            return view(request, board, *args, **kwargs)
        except BoardHidden:
            return render(request, "brainstorms/members_only.html", {"board": board}, status=404)

    return wrapper


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
    someone = _someone(request)
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


@require_POST
@visible_board
def post_card(request, board: Board):
    form = CardForm(request.POST)
    if not form.is_valid():
        request.session[DRAFT_KEY] = {k: request.POST.get(k, "") for k in ("text", "colour")}
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{board.get_absolute_url()}#nueva-idea")
    posted = service_with_message(
        request,
        lambda: card_post(board=board, someone=_someone(request), **form.cleaned_data),
        _("Your idea is on the board."),
        refusals=REFUSALS,
    )
    if not posted:
        request.session[DRAFT_KEY] = {"text": form.cleaned_data["text"], "colour": form.cleaned_data["colour"]}
    return redirect(f"{board.get_absolute_url()}#nueva-idea")


@require_POST
@visible_board
def vote(request, board: Board):
    card_id = request.POST.get("card", "")
    if not card_id.isdigit():
        messages.error(request, _("That idea is not on this board."))
        return redirect(board)
    action = card_unvote if request.POST.get("remove") == "1" else card_vote
    left = service_or_message(
        request, lambda: action(board=board, someone=_someone(request), card_id=int(card_id)), refusals=REFUSALS
    )
    if left is not None:
        messages.success(request, _("Dots left: %(n)s.") % {"n": left})
    return redirect(f"{board.get_absolute_url()}#idea-{card_id}")


@login_required
@require_POST
@visible_board
def group_create(request, board: Board):
    name = request.POST.get("name", "")
    service_with_message(
        request, lambda: card_groups.group_create(actor=request.user, board=board, name=name), refusals=REFUSALS
    )
    return redirect(f"{board.get_absolute_url()}#grupos")


@login_required
@require_POST
@visible_board
def move(request, board: Board):
    card_id, group_id = request.POST.get("card", ""), request.POST.get("group", "")
    if not card_id.isdigit() or (group_id and not group_id.isdigit()):
        messages.error(request, _("That idea is not on this board."))
    else:
        service_with_message(
            request,
            lambda: card_move(
                actor=request.user, board=board, card_id=int(card_id), group_id=int(group_id) if group_id else None
            ),
            refusals=REFUSALS,
        )
    return redirect(f"{board.get_absolute_url()}#idea-{card_id}")


@login_required
@require_POST
@visible_board
def phase(request, board: Board):
    phase = request.POST.get("phase", "")
    changed = service_or_message(
        request, lambda: board_phase_set(actor=request.user, board=board, phase=phase), refusals=REFUSALS
    )
    if changed is not None:
        messages.success(
            request, _("The brainstorm is now in the phase “%(phase)s”.") % {"phase": changed.get_phase_display()}
        )
    return redirect(board)


@login_required
@require_POST
@visible_board
def limits(request, board: Board):
    form_action(
        request,
        LimitsForm(request.POST),
        lambda data: board_limits_set(actor=request.user, board=board, **data),
        success=_("The limits per person were saved."),
        refusals=REFUSALS,
    )
    return redirect(f"{board.get_absolute_url()}#limites")


@login_required
@visible_board
def suggestions(request, board: Board):
    require_perm(request.user, "brainstorms.facilitate_board", board)
    cards = list(board.cards.filter(group__isnull=True, hidden_at__isnull=True).values_list("pk", "text"))
    if request.method == "POST":
        chosen = []
        for index in request.POST.getlist("accept"):
            name = request.POST.get(f"name-{index}", "").strip()
            ids = [int(x) for x in request.POST.get(f"cards-{index}", "").split(",") if x.isdigit()]
            if name and ids:
                chosen.append((name, ids))
        service_with_message(
            request,
            lambda: board_groups_apply(actor=request.user, board=board, groups=chosen),
            _("The suggested groups were created."),
            refusals=REFUSALS,
        )
        return redirect(f"{board.get_absolute_url()}#grupos")
    texts = dict(cards)
    found = [
        {"index": n, "name": s.name, "ids": ",".join(map(str, s.card_ids)), "texts": [texts[i] for i in s.card_ids]}
        for n, s in enumerate(suggest_groups(cards))
    ]
    return render(request, "brainstorms/suggestions.html", {"board": board, "suggestions": found})


@login_required
@require_POST
@visible_board
def promote(request, board: Board, card: int):
    card_obj = get_object_or_404(Card, pk=card, board=board)
    require_perm(request.user, "brainstorms.facilitate_board", board)
    form = PromoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the theme of the problem."))
        return redirect(f"{board.get_absolute_url()}#resultados")
    problem = service_or_message(
        request,
        lambda: card_to_problem(
            actor=request.user, card=card_obj, theme=form.cleaned_data["theme"], upz=form.cleaned_data["upz"]
        ),
        _("The idea is now a problem of Usme, linked to this brainstorm."),
    )
    return redirect(problem if problem is not None else f"{board.get_absolute_url()}#resultados")


@login_required
@require_POST
@visible_board
def card_proposal(request, board: Board, card: int):
    card_obj = get_object_or_404(Card.objects.select_related("board", "problem"), pk=card, board=board)
    proposal = service_or_message(
        request,
        lambda: card_to_proposal(actor=request.user, card=card_obj),
        _("Your draft proposal was created from the idea. Complete it and publish it."),
    )
    return redirect(proposal if proposal is not None else f"{board.get_absolute_url()}#resultados")


@visible_board
def export_csv(request, board: Board):
    rows = [[_("Idea"), _("Group"), _("Dots"), _("Author"), _("Colour"), _("Posted at")]]
    for card in selectors.board_cards(board=board).order_by("-vote_count", "created_at"):
        rows.append(
            [
                card.text,
                card.group.name if card.group_id else "",
                card.vote_count,
                card.public_author,
                card.get_colour_display(),
                card.created_at.isoformat(),
            ]
        )
    return exports.csv_response(rows, filename=f"lluvia-{board.pk}.csv")


def _printable_context(board: Board) -> dict:
    return {"board": board, "results": selectors.board_results(board=board)}


@visible_board
def printable(request, board: Board):
    return render(request, "brainstorms/print.html", _printable_context(board))


@visible_board
def export_pdf(request, board: Board):
    pdf = pdf_render(
        "brainstorms/print.html", _printable_context(board), request=request, stylesheets=("brainstorms/print.css",)
    )
    return pdf_response(pdf, filename=f"lluvia-{board.pk}.pdf", download=True)
