"""Grouping the ideas of a board: named groups, cards moved into them, suggestions accepted at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Board, Card, CardGroup, Phase
from .boards import plain_text
from .events import board_event_add, board_locked
from .participation import facilitation_check


def _grouping_check(board: Board) -> None:
    if board.phase not in (Phase.IDEAS, Phase.GROUP):
        raise ValidationError(_("Ideas are grouped in the grouping phase."))


@transaction.atomic
def group_create(*, actor, board: Board, name: str) -> CardGroup:
    board = board_locked(board)
    facilitation_check(actor, board)
    _grouping_check(board)
    name = plain_text(name)[:80]
    if not name:
        raise ValidationError(_("Write the name of the group."))
    group = CardGroup.objects.create(board=board, name=name, order=board.groups.count())
    board_event_add(board, "group_added", {"id": group.pk, "name": group.name})
    return group


@transaction.atomic
def card_move(*, actor, board: Board, card_id: int, group_id: int | None) -> Card:
    """Put a card in a group (or take it out with ``group_id=None``)."""
    board = board_locked(board)
    facilitation_check(actor, board)
    _grouping_check(board)
    card = Card.objects.filter(pk=card_id, board=board).first()
    if card is None:
        raise ValidationError(_("That idea is not on this board."))
    if group_id is not None and not CardGroup.objects.filter(pk=group_id, board=board).exists():
        raise ValidationError(_("That group is not on this board."))
    card.group_id = group_id
    card.save(update_fields=["group"])
    board_event_add(board, "card_moved", {"card": card.pk, "group": group_id})
    return card


@transaction.atomic
def board_groups_apply(*, actor, board: Board, groups: list[tuple[str, list[int]]]) -> list[CardGroup]:
    """Accept grouping suggestions: create each named group and move its cards into it."""
    created = []
    for name, card_ids in groups:
        group = group_create(actor=actor, board=board, name=name)
        for card_id in card_ids:
            card_move(actor=actor, board=board, card_id=card_id, group_id=group.pk)
        created.append(group)
    return created
