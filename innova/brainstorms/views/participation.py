"""What a participant (person or guest) posts to a board by plain forms: an idea and a dot."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.service_results import service_or_message, service_with_message

from ..forms import CardForm
from ..models import Board
from ..services.cards import card_post
from ..services.dots import card_unvote, card_vote
from .base import REFUSALS, someone_of, visible_board

DRAFT_KEY = "brainstorm_card_draft"


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
        lambda: card_post(board=board, someone=someone_of(request), **form.cleaned_data),
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
        request, lambda: action(board=board, someone=someone_of(request), card_id=int(card_id)), refusals=REFUSALS
    )
    if left is not None:
        messages.success(request, _("Dots left: %(n)s.") % {"n": left})
    return redirect(f"{board.get_absolute_url()}#idea-{card_id}")
