"""What a board's cards become (a problem, a proposal) and its exports: CSV, printable page and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core import exports
from innova.core.pdf import pdf_render, pdf_response
from innova.core.permissions import require_perm
from innova.core.service_results import service_or_message

from .. import selectors
from ..forms import PromoteForm
from ..models import Board, Card
from ..services.conversion import card_to_problem, card_to_proposal
from .base import visible_board


def _card_converted(request, board: Board, convert, *, done: str):
    """Open what ``convert()`` made of a card (a problem, a proposal) with ``done`` as the message; a refusal goes
    back to the board's results with its message (a permission refusal stays the 403 page)."""
    made = service_or_message(request, convert, done)
    return redirect(made if made is not None else f"{board.get_absolute_url()}#resultados")


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
    return _card_converted(
        request,
        board,
        lambda: card_to_problem(
            actor=request.user, card=card_obj, theme=form.cleaned_data["theme"], upz=form.cleaned_data["upz"]
        ),
        done=_("The idea is now a problem of Usme, linked to this brainstorm."),
    )


@login_required
@require_POST
@visible_board
def card_proposal(request, board: Board, card: int):
    card_obj = get_object_or_404(Card.objects.select_related("board", "problem"), pk=card, board=board)
    return _card_converted(
        request,
        board,
        lambda: card_to_proposal(actor=request.user, card=card_obj),
        done=_("Your draft proposal was created from the idea. Complete it and publish it."),
    )


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
