"""Who acts on a board and what they may do there: see it, take part, run it."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from innova.core.permissions import require_perm

from ..models import Board, Guest, Participant

GUEST_SESSION_KEY = "brainstorm_guest"


class BoardHidden(Http404):
    """The person may not see this board (a members-only board, and they are not of its front): to them it does
    not exist. Views answer 404 (the board's pages explain whom it is for), the live socket closes."""


def board_view_check(*, board: Board, user) -> None:
    """The one visibility check of every board page, export, action and socket: the ``brainstorms.view_board``
    rule, the same condition as ``selectors.board_visible_to``. ``user`` None or anonymous is a visitor (or a
    guest of the room, who never has an account)."""
    if not (user or AnonymousUser()).has_perm("brainstorms.view_board", board):
        raise BoardHidden


@dataclass(frozen=True)
class Someone:
    """Who acts on a board: a logged-in user or a guest of the room."""

    user: object = None
    guest: Guest | None = None

    @property
    def user_known(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    @property
    def known(self) -> bool:
        return self.user_known or self.guest is not None


def someone_of_session(*, user, session) -> Someone:
    """Who acts from a browser: its user, and the guest of the room its session joined as (if any)."""
    guest_id = session.get(GUEST_SESSION_KEY) if session is not None else None
    guest = Guest.objects.filter(pk=guest_id).first() if guest_id else None
    return Someone(user=user, guest=guest)


def participation_check(*, board: Board, someone: Someone) -> None:
    """Raise PermissionDenied with a message people understand when ``someone`` may not take part (BoardHidden
    when they may not even see the board)."""
    board_view_check(board=board, user=someone.user)
    if someone.guest is not None and not someone.user_known:
        if not board.allow_guests:
            raise PermissionDenied(_("This brainstorm does not take guests. Log in to take part."))
        if board.members_only:
            raise PermissionDenied(_("Only members of the work front take part in this brainstorm."))
        return
    if not someone.known:
        raise PermissionDenied(_("Log in or join as a guest to take part."))
    if not someone.user.has_perm("brainstorms.participate_board", board):
        if board.members_only:
            raise PermissionDenied(
                _("Only members of the work front take part in this brainstorm. Join the front first.")
            )
        raise PermissionDenied(_("You cannot take part in this brainstorm."))


def participant_of(board: Board, someone: Someone) -> Participant:
    """The participant row of ``someone`` on the board, created on their first action."""
    lookup = {"user": someone.user} if someone.user_known else {"guest": someone.guest}
    try:
        with transaction.atomic():
            participant, _created = Participant.objects.get_or_create(board=board, **lookup)
    except IntegrityError:
        participant = Participant.objects.get(board=board, **lookup)
    return participant


def runs_the_board(someone: Someone, board: Board) -> bool:
    return someone.user_known and someone.user.has_perm("brainstorms.facilitate_board", board)


def facilitation_check(actor, board: Board) -> None:
    board_view_check(board=board, user=actor)
    require_perm(
        actor, "brainstorms.facilitate_board", board, message=_("Only the facilitator of the brainstorm can do this.")
    )
