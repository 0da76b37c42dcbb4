"""The ideas on a board: posting them, hiding them by moderation, erasing their authors."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Board, BoardEvent, Card, Colour, Phase
from .boards import plain_text
from .events import board_event_add, board_locked
from .limits import idea_limit_check
from .participation import Someone, participant_of, participation_check

MAX_CARD_LENGTH = 280


def card_payload(card: Card) -> dict:
    return {
        "id": card.pk,
        "text": card.text,
        "colour": card.colour,
        "author": card.public_author,
        "group": card.group_id,
        "votes": card.vote_count,
    }


@transaction.atomic
def card_post(
    *, board: Board, someone: Someone, text: str, colour: str = Colour.YELLOW, anonymous: bool = False
) -> Card:
    board = board_locked(board)
    participation_check(board=board, someone=someone)
    if board.phase != Phase.IDEAS:
        raise ValidationError(
            _("Ideas are posted only in the ideas phase; this brainstorm is now in “%(phase)s”.")
            % {"phase": Phase(board.phase).label}
        )
    text = plain_text(text)
    if not text:
        raise ValidationError(_("Write your idea."))
    if len(text) > MAX_CARD_LENGTH:
        raise ValidationError(_("An idea has at most 280 characters; yours has %(n)s.") % {"n": len(text)})
    if colour not in Colour.values:
        colour = Colour.YELLOW
    if anonymous and not board.allow_anonymous:
        raise ValidationError(_("This brainstorm does not take anonymous ideas."))
    idea_limit_check(board, someone)
    card = Card.objects.create(
        board=board,
        text=text,
        colour=colour,
        author=someone.user if someone.user_known else None,
        guest=someone.guest if not someone.user_known else None,
        anonymous=anonymous,
    )
    participant_of(board, someone)
    board_event_add(board, "card_added", card_payload(card))
    return card


def card_hidden_changed(*, target: Card, hidden: bool) -> None:
    """Moderation hid a board idea (or showed it again): besides leaving the board page, a hidden idea leaves the
    board's stored live events — the event that added it becomes a removal, so a socket replaying from an older
    sequence never receives its text — and open screens drop it at once."""
    board = board_locked(target.board)
    if hidden:
        BoardEvent.objects.filter(board=board, type="card_added", data__id=target.pk).update(
            type="card_removed", data={"card": target.pk}
        )
        board_event_add(board, "card_removed", {"card": target.pk})
    else:
        board_event_add(board, "card_added", card_payload(target))


def brainstorms_erase_user(user) -> None:
    """Account deletion: ideas stay on the boards without a name; dots stay counted."""
    Card.objects.filter(author=user).update(anonymous=True)
