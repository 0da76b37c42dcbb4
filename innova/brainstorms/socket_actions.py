"""What a live board's socket may ask: a table from the message's ``action`` to a small handler.

Each handler reads the fields of the message and calls the same service the HTML form calls; permission, phase,
limits and validation live there. A handler returns the fields of the ack; a missing or malformed field raises
KeyError, ValueError or TypeError, which the socket answers as a message it did not understand.
"""

from collections.abc import Callable

from innova.core.text import clean_user_text

from .models import Board
from .services.boards import board_phase_set
from .services.cards import card_post
from .services.dots import card_unvote, card_vote
from .services.groups import card_move, group_create
from .services.participation import Someone


def _post(board: Board, someone: Someone, content: dict) -> dict:
    card = card_post(
        board=board,
        someone=someone,
        text=clean_user_text(str(content.get("text", ""))),
        colour=str(content.get("colour", "")),
        anonymous=bool(content.get("anonymous")),
    )
    return {"card": card.pk}


def _vote(board: Board, someone: Someone, content: dict) -> dict:
    return {"dots_left": card_vote(board=board, someone=someone, card_id=int(content["card"]))}


def _unvote(board: Board, someone: Someone, content: dict) -> dict:
    return {"dots_left": card_unvote(board=board, someone=someone, card_id=int(content["card"]))}


def _move(board: Board, someone: Someone, content: dict) -> dict:
    group = content.get("group")
    card_move(actor=someone.user, board=board, card_id=int(content["card"]), group_id=int(group) if group else None)
    return {}


def _group(board: Board, someone: Someone, content: dict) -> dict:
    group = group_create(actor=someone.user, board=board, name=clean_user_text(str(content.get("name", ""))))
    return {"group": group.pk}


def _phase(board: Board, someone: Someone, content: dict) -> dict:
    board_phase_set(actor=someone.user, board=board, phase=str(content.get("phase", "")))
    return {}


ACTIONS: dict[str, Callable[[Board, Someone, dict], dict]] = {
    "post": _post,
    "vote": _vote,
    "unvote": _unvote,
    "move": _move,
    "group": _group,
    "phase": _phase,
}


def socket_action_run(*, board_id: int, someone: Someone, content: dict) -> dict:
    """Run the action a socket asked for; its answer are the fields of the ack."""
    action = content.get("action")
    handler = ACTIONS.get(action)
    if handler is None:
        raise ValueError(action)
    board = Board(pk=board_id)  # every service locks and reads the board's current row itself
    return handler(board, someone, content)
