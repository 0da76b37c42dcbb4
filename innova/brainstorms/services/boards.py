"""The board itself: opening it, moving it through its phases, guests joining its room."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.participation import search_fields
from innova.core.permissions import require_perm

from ..models import Board, Guest, Phase
from .events import board_event_add, board_locked
from .participation import board_view_check, facilitation_check


def plain_text(text) -> str:
    """Typed text as the board stores it: without NUL bytes (PostgreSQL refuses them in text; the forms already
    do, the socket's JSON does not) and without surrounding blanks."""
    return str(text or "").replace("\x00", "").strip()


@transaction.atomic
def board_create(
    *,
    actor,
    prompt: str,
    front=None,
    allow_anonymous: bool = True,
    allow_guests: bool = False,
    members_only: bool = False,
    dots_per_person: int = 3,
) -> Board:
    require_perm(actor, "brainstorms.create_board", front)
    prompt = plain_text(prompt)
    if not prompt:
        raise ValidationError(_("Write the question of the brainstorm."))
    if not 1 <= dots_per_person <= 20:
        raise ValidationError(_("Each person gets between 1 and 20 dots."))
    if members_only and front is None:
        raise ValidationError(_("Only a work front's brainstorm can be for members only."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                board = Board.objects.create(
                    front=front,
                    prompt=prompt,
                    facilitator=actor,
                    allow_anonymous=allow_anonymous,
                    allow_guests=allow_guests,
                    members_only=members_only,
                    dots_per_person=dots_per_person,
                    **search_fields(prompt),
                )
            break
        except IntegrityError:  # join code already taken: draw another
            continue
    board_event_add(board, "opened", {"phase": board.phase})
    return board


@transaction.atomic
def board_phase_set(*, actor, board: Board, phase: str) -> Board:
    board = board_locked(board)
    facilitation_check(actor, board)
    if phase not in Phase.values:
        raise ValidationError(_("Choose a phase of the brainstorm."))
    if board.phase == Phase.CLOSED:
        raise ValidationError(_("This brainstorm is closed; it cannot be opened again."))
    if phase == board.phase:
        return board
    board.phase = phase
    board.closed_at = timezone.now() if phase == Phase.CLOSED else None
    board.save(update_fields=["phase", "closed_at"])
    board_event_add(board, "phase", {"phase": phase, "label": str(Phase(phase).label)})
    return board


def guest_join(*, board: Board, nickname: str, accept_policy: bool) -> Guest:
    """A guest of the room: only a nickname and the accepted data policy. The view binds it to the browser."""
    board_view_check(board=board, user=None)  # guests have no account: never on a members-only board
    if not board.allow_guests:
        raise PermissionDenied(_("This brainstorm does not take guests. Log in to take part."))
    nickname = plain_text(nickname)
    if not 2 <= len(nickname) <= 40:
        raise ValidationError(_("Write a nickname of 2 to 40 characters."))
    if not accept_policy:
        raise ValidationError(_("Accept the data policy to take part as a guest."))
    return Guest.objects.create(nickname=nickname, policy_accepted_at=timezone.now())
