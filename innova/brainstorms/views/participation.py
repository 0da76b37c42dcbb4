"""What a participant (person or guest) posts to a board by plain forms: an idea and a dot."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import CardForm
from ..models import Board
from ..services.cards import card_post
from ..services.dots import card_unvote, card_vote
from .base import refused, service_answer, someone_of, visible_board

DRAFT_KEY = "brainstorm_card_draft"


@require_POST
@visible_board
def post_card(request, board: Board):
    form = CardForm(request.POST)
    if not form.is_valid():
        request.session[DRAFT_KEY] = {k: request.POST.get(k, "") for k in ("text", "colour")}
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{board.get_absolute_url()}#nueva-idea")
    try:
        card_post(board=board, someone=someone_of(request), **form.cleaned_data)
    except (PermissionDenied, ValidationError) as error:
        request.session[DRAFT_KEY] = {"text": form.cleaned_data["text"], "colour": form.cleaned_data["colour"]}
        refused(request, error)
    else:
        messages.success(request, _("Your idea is on the board."))
    return redirect(f"{board.get_absolute_url()}#nueva-idea")


@require_POST
@visible_board
def vote(request, board: Board):
    card_id = request.POST.get("card", "")
    if not card_id.isdigit():
        messages.error(request, _("That idea is not on this board."))
        return redirect(board)
    action = card_unvote if request.POST.get("remove") == "1" else card_vote
    return service_answer(
        request,
        lambda: action(board=board, someone=someone_of(request), card_id=int(card_id)),
        to=f"{board.get_absolute_url()}#idea-{card_id}",
        done=lambda left: _("Dots left: %(n)s.") % {"n": left},
    )
