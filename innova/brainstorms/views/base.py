"""What every board view shares: the board only for whoever may see it, the visitor as a participant, and a
service's refusal shown as a message on the page."""

import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from innova.core.service_results import service_with_message

from ..models import Board
from ..services.participation import BoardHidden, Someone, board_view_check, someone_of_session


def someone_of(request) -> Someone:
    return someone_of_session(user=request.user, session=request.session)


# What a participant is refused (a guest not allowed, a full board, a wrong phase) comes back as a message.
REFUSALS = (PermissionDenied, ValidationError)


def service_answer(request, call: Callable[[], object], *, to, done: str | None = None):
    """Run one service call of a board form and go back to ``to``: a refusal (``REFUSALS``) becomes the page's
    error message; success shows ``done`` if given."""
    service_with_message(request, call, done, refusals=REFUSALS)
    return redirect(to)


def visible_board(view):
    """Every view of one board receives it only when the visitor may see it
    (``services.participation.board_view_check``, also inside every service): to anyone else a members-only board
    answers 404, whose page says whom the board is for and how to join its front, never its question or cards."""

    @functools.wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        board = get_object_or_404(Board.objects.select_related("front", "facilitator"), pk=pk)
        try:
            board_view_check(board=board, user=request.user)
            return view(request, board, *args, **kwargs)
        except BoardHidden:
            return render(request, "brainstorms/members_only.html", {"board": board}, status=404)

    return wrapper
