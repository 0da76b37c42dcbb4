"""What apps built on proposals tell a proposal's page, without proposals importing them.

Brainstorms sit above proposals (docs/ARCHITECTURE.md, "Layers between apps"): a card becomes a draft proposal,
and the proposal keeps only the card's number (``Proposal.source_card_id``). The brainstorms app registers, in
its ``AppConfig.ready()``, ``fn(card_id) -> str``: the address to link back to ("" when the card is gone).
"""

from collections.abc import Callable

_source_card_url: list[Callable[[int], str]] = []


def register_source_card_url(fn: Callable[[int], str]) -> None:
    _source_card_url[:] = [fn]


def source_card_url(card_id: int | None) -> str:
    if not card_id or not _source_card_url:
        return ""
    return _source_card_url[0](card_id)
