"""The brainstorm pages, one module per responsibility: ``boards`` (the board and its pages), ``participation``
(ideas and dots), ``facilitation`` (groups, moves, phases, limits, suggestions) and ``results`` (conversions and
exports); ``base`` holds what they share (``visible_board``)."""

from .boards import create, detail, events, guest, index, join_code, projector
from .facilitation import group_create, limits, move, phase, suggestions
from .participation import post_card, vote
from .results import card_proposal, export_csv, export_pdf, printable, promote

__all__ = [
    "card_proposal",
    "create",
    "detail",
    "events",
    "export_csv",
    "export_pdf",
    "group_create",
    "guest",
    "index",
    "join_code",
    "limits",
    "move",
    "phase",
    "post_card",
    "printable",
    "projector",
    "promote",
    "suggestions",
    "vote",
]
