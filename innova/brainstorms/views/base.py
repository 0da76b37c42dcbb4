"""What every board view shares: the board only for whoever may see it, the visitor as a participant, and a
service's refusal shown as a message on the page."""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from ..models import Board
from ..services.participation import BoardHidden, Someone, board_view_check, someone_of_session


def someone_of(request) -> Someone:
    return someone_of_session(user=request.user, session=request.session)


def refused(request, error) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


def service_answer(request, call: Callable[[], Any], *, to, done: str | Callable[[Any], str] = ""):
    """Run one service call of a board form and go back to ``to``: a refusal (``PermissionDenied`` or
    ``ValidationError``) becomes the page's error message; success shows ``done`` (or ``done(result)``) if given."""
    try:
        result = call()
    except (PermissionDenied, ValidationError) as error:
        refused(request, error)
    else:
        if done:
            messages.success(request, done(result) if callable(done) else done)
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
