"""What whoever runs a board does by plain forms: groups, moves, phases, limits and grouping suggestions (the
services check that they may)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm
from innova.core.service_results import service_or_message
from innova.core.views import form_action

from ..forms import LimitsForm
from ..grouping import suggest_groups
from ..models import Board
from ..services import groups as card_groups
from ..services.boards import board_phase_set
from ..services.groups import board_groups_apply, card_move
from ..services.limits import board_limits_set
from .base import REFUSALS, service_answer, visible_board


@login_required
@require_POST
@visible_board
def group_create(request, board: Board):
    return service_answer(
        request,
        lambda: card_groups.group_create(actor=request.user, board=board, name=request.POST.get("name", "")),
        to=f"{board.get_absolute_url()}#grupos",
    )


@login_required
@require_POST
@visible_board
def move(request, board: Board):
    card_id, group_id = request.POST.get("card", ""), request.POST.get("group", "")
    to = f"{board.get_absolute_url()}#idea-{card_id}"
    if not card_id.isdigit() or (group_id and not group_id.isdigit()):
        messages.error(request, _("That idea is not on this board."))
        return redirect(to)
    group = int(group_id) if group_id else None
    return service_answer(
        request, lambda: card_move(actor=request.user, board=board, card_id=int(card_id), group_id=group), to=to
    )


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
        return service_answer(
            request,
            lambda: board_groups_apply(actor=request.user, board=board, groups=chosen),
            to=f"{board.get_absolute_url()}#grupos",
            done=_("The suggested groups were created."),
        )
    texts = dict(cards)
    found = [
        {"index": n, "name": s.name, "ids": ",".join(map(str, s.card_ids)), "texts": [texts[i] for i in s.card_ids]}
        for n, s in enumerate(suggest_groups(cards))
    ]
    return render(request, "brainstorms/suggestions.html", {"board": board, "suggestions": found})
