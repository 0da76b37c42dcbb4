"""The board's numbered events and their broadcast to the live sockets.

Each write calls ``board_event_add``, which takes the next ``seq`` of the board (the board row's counter, moved in
the database under its row lock) and stores a ``BoardEvent``; after commit the event is sent to the board's channel
group. Live clients apply events in ``seq`` order and ask for what they missed with ``since``.
"""

import asyncio
import json
import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from innova.core.resilience import channel_layer_errors

from ..models import Board, BoardEvent

logger = logging.getLogger(__name__)


def board_group_name(board_id: int) -> str:
    return f"lluvia-{board_id}"


def person_group_name(user_id: int) -> str:
    """The channel group of one person's sockets on members-only boards (told when their membership ends)."""
    return f"lluvia-persona-{user_id}"


def _layer_send(group: str, payload: dict, what: str) -> None:
    """Send ``payload`` to a channel group from synchronous code; a channel layer that is down is logged, not
    raised (``what`` names the message in the log)."""
    layer = get_channel_layer()
    if layer is None:
        return

    def send():
        try:
            async_to_sync(layer.group_send)(group, payload)
        except channel_layer_errors() as error:
            logger.warning("%s: %s not broadcast, channel layer unavailable: %r", group, what, error)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send()  # the usual case: a view or a consumer's worker thread
    else:
        # A thread that runs an event loop itself (a script driving an async library) cannot block on one.
        threading.Thread(target=send, daemon=True).start()


def _broadcast(board_id: int, message: dict) -> None:
    # Encoded once here rather than by each of the hundreds of consumers of a busy room. If the channel layer is
    # down the event is still stored: live clients lose their connection with Redis too, and when they reconnect
    # they ask for every event after the last one they saw. The write that caused it stands.
    payload = {"type": "board.event", "event": message, "text": json.dumps({"kind": "event", **message})}
    _layer_send(board_group_name(board_id), payload, f"event {message['seq']}")


def board_sockets_membership_ended(*, user_id: int, front_id: int) -> None:
    """A person stopped being a member of a front (fronts calls this after commit): their open sockets on that
    front's members-only boards check again whether they may see the board, and close if not."""
    _layer_send(person_group_name(user_id), {"type": "membership.ended", "front": front_id}, "membership end")


def board_event_add(board: Board, type_: str, data: dict) -> BoardEvent:
    """Store the board's next event (inside the caller's transaction) and broadcast it once committed.

    ``board`` is the row locked by ``board_locked`` in this transaction (or one just created), so its ``last_seq``
    is current and no other transaction can take the same number; the unique (board, seq) constraint backs this up.
    """
    seq = board.last_seq + 1
    Board.objects.filter(pk=board.pk).update(last_seq=seq)
    event = BoardEvent.objects.create(board_id=board.pk, seq=seq, type=type_, data=data)
    board.last_seq = seq
    message = event.as_message()
    transaction.on_commit(lambda: _broadcast(board.pk, message))
    return event


def board_locked(board: Board) -> Board:
    """The board's current row, locked until the end of the transaction (phase checks see the latest phase)."""
    return Board.objects.select_for_update().get(pk=board.pk)
