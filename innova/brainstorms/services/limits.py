"""The flood limits of each participant: ideas an hour, dot changes a minute, set by whoever runs the board."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Board, Card, Participant
from .events import board_locked
from .participation import Someone, facilitation_check, runs_the_board

IDEA_WINDOW = datetime.timedelta(hours=1)
DOT_WINDOW = datetime.timedelta(minutes=1)
MAX_IDEAS_PER_HOUR = 1000
MAX_DOT_CHANGES_PER_MINUTE = 600


def idea_limit_check(board: Board, someone: Someone) -> None:
    """At most ``board.ideas_per_hour`` ideas from one participant in the last hour, counted in the database (the
    board row is locked by the caller, so two sockets of one person cannot both pass). Whoever runs the board types
    in the room's paper cards and is not limited."""
    if runs_the_board(someone, board):
        return
    author = {"author": someone.user} if someone.user_known else {"guest": someone.guest, "author__isnull": True}
    recent = Card.objects.filter(board=board, created_at__gte=timezone.now() - IDEA_WINDOW, **author).count()
    if recent >= board.ideas_per_hour:
        raise ValidationError(
            _(
                "You have posted %(n)s ideas in the last hour, the most this brainstorm takes from one person. "
                "Wait a while, or ask the facilitator to raise the limit."
            )
            % {"n": recent}
        )


def dot_change_count(board: Board, participant: Participant) -> None:
    """Count one dot placed or taken back; refuse beyond ``board.dot_changes_per_minute`` in the participant's
    current one-minute window (the participant row is locked by the caller)."""
    now = timezone.now()
    started = participant.dot_window_started_at
    if started is None or now - started >= DOT_WINDOW:
        participant.dot_window_started_at, participant.dot_window_changes = now, 0
    if participant.dot_window_changes >= board.dot_changes_per_minute:
        raise ValidationError(
            _("You are moving dots too fast (at most %(n)s changes a minute). Wait a moment and try again.")
            % {"n": board.dot_changes_per_minute}
        )
    participant.dot_window_changes += 1
    participant.save(update_fields=["dot_window_started_at", "dot_window_changes"])


@transaction.atomic
def board_limits_set(*, actor, board: Board, ideas_per_hour: int, dot_changes_per_minute: int) -> Board:
    """The facilitator raises (or lowers) the flood limits of each participant: ideas per hour, dot changes per
    minute."""
    board = board_locked(board)
    facilitation_check(actor, board)
    if not 1 <= ideas_per_hour <= MAX_IDEAS_PER_HOUR:
        raise ValidationError(
            _("Each person may post between 1 and %(max)s ideas an hour.") % {"max": MAX_IDEAS_PER_HOUR}
        )
    if not 1 <= dot_changes_per_minute <= MAX_DOT_CHANGES_PER_MINUTE:
        raise ValidationError(
            _("Each person may move between 1 and %(max)s dots a minute.") % {"max": MAX_DOT_CHANGES_PER_MINUTE}
        )
    board.ideas_per_hour, board.dot_changes_per_minute = ideas_per_hour, dot_changes_per_minute
    board.save(update_fields=["ideas_per_hour", "dot_changes_per_minute"])
    return board
