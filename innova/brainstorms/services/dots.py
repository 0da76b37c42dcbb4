"""Dot votes: each participant places the board's dots on ideas in the voting phase, and may take them back."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Board, Card, DotVote, Participant, Phase
from .events import board_event_add, board_locked
from .limits import dot_change_count
from .participation import Someone, participant_of, participation_check


def _dots_left(board: Board, participant: Participant) -> int:
    return board.dots_per_person - participant.dots_used


def _voting_check(board: Board) -> None:
    if board.phase != Phase.VOTE:
        raise ValidationError(_("Dots are placed only in the voting phase."))


@transaction.atomic
def card_vote(*, board: Board, someone: Someone, card_id: int) -> int:
    """Put one dot on a card; returns the dots left. The participant row is locked: two fast clicks from two tabs
    cannot spend more than the board's dots."""
    board = board_locked(board)
    participation_check(board=board, someone=someone)
    _voting_check(board)
    card = Card.objects.filter(pk=card_id, board=board).first()
    if card is None:
        raise ValidationError(_("That idea is not on this board."))
    participant = Participant.objects.select_for_update().get(pk=participant_of(board, someone).pk)
    if participant.dots_used >= board.dots_per_person:
        raise ValidationError(
            ngettext(
                "You have already placed your dot. Take it back to move it.",
                "You have already placed your %(n)s dots. Take one back to move it.",
                board.dots_per_person,
            )
            % {"n": board.dots_per_person}
        )
    dot_change_count(board, participant)
    DotVote.objects.create(card=card, participant=participant)
    Participant.objects.filter(pk=participant.pk).update(dots_used=F("dots_used") + 1)
    Card.objects.filter(pk=card.pk).update(vote_count=F("vote_count") + 1)
    votes = Card.objects.filter(pk=card.pk).values_list("vote_count", flat=True).get()
    board_event_add(board, "vote", {"card": card.pk, "votes": votes})
    return _dots_left(board, participant) - 1


@transaction.atomic
def card_unvote(*, board: Board, someone: Someone, card_id: int) -> int:
    """Take one of my dots back from a card; returns the dots left."""
    board = board_locked(board)
    participation_check(board=board, someone=someone)
    _voting_check(board)
    participant = Participant.objects.select_for_update().get(pk=participant_of(board, someone).pk)
    vote = DotVote.objects.filter(card_id=card_id, card__board=board, participant=participant).first()
    if vote is None:
        raise ValidationError(_("You have no dot on that idea."))
    dot_change_count(board, participant)
    vote.delete()
    Participant.objects.filter(pk=participant.pk).update(dots_used=F("dots_used") - 1)
    Card.objects.filter(pk=card_id).update(vote_count=F("vote_count") - 1)
    votes = Card.objects.filter(pk=card_id).values_list("vote_count", flat=True).get()
    board_event_add(board, "vote", {"card": card_id, "votes": votes})
    return _dots_left(board, participant) + 1


def dots_left(*, board: Board, someone: Someone) -> int:
    if not someone.known:
        return board.dots_per_person
    lookup = {"user": someone.user} if someone.user_known else {"guest": someone.guest}
    used = Participant.objects.filter(board=board, **lookup).values_list("dots_used", flat=True).first() or 0
    return board.dots_per_person - used
