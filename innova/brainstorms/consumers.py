"""The live board: one WebSocket per participant, one channel-layer group per board.

On connect the client says which event it saw last (``?since=seq``); the consumer joins the board's group first and
then replays the stored events after ``since``, so nothing committed in between is lost. Events carry their
``seq``; the consumer forwards each exactly once and in order (a duplicate is dropped, a gap is filled from the
database). Actions sent by the client go through ``socket_actions``, a table of small handlers that call the same
services as the HTML forms. Surviving a channel layer (Redis) that goes away is ``layer_watch``'s part.
"""

import json
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from innova.core.resilience import channel_layer_errors
from innova.core.service_results import refusal_text

from . import selectors
from .layer_watch import LayerWatch
from .models import Board
from .services.events import board_group_name, person_group_name
from .services.participation import BoardHidden, Someone, board_view_check, someone_of_session
from .socket_actions import socket_action_run

CLOSE_NOT_FOUND = 4404
CLOSE_NOT_ALLOWED = 4403  # a members-only board, and this socket is not one of its front's members


def board_if_visible(board_id: int, user) -> tuple[Board | None, int | None]:
    """The board and no refusal, or the close code: it does not exist, or this visitor may not see it (the pages'
    rule)."""
    board = Board.objects.select_related("front").filter(pk=board_id).first()
    if board is None:
        return None, CLOSE_NOT_FOUND
    try:
        board_view_check(board=board, user=user)
    except BoardHidden:
        return None, CLOSE_NOT_ALLOWED
    return board, None


class BoardConsumer(LayerWatch, AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.board_id = int(self.scope["url_route"]["kwargs"]["pk"])
        board, refusal = await database_sync_to_async(board_if_visible)(self.board_id, self.scope.get("user"))
        if refusal:
            await self.close(code=refusal)
            return
        query = parse_qs(self.scope.get("query_string", b"").decode())
        try:
            self.last_seq = int(query.get("since", [""])[0])
        except ValueError:
            self.last_seq = board.last_seq
        self.group_name = board_group_name(self.board_id)
        self.groups_joined = [self.group_name]
        user = self.scope.get("user")
        if board.members_only and user is not None and user.is_authenticated:
            # Told when this person leaves a front (fronts' membership-end listeners): see ``membership_ended``.
            self.front_id = board.front_id
            self.groups_joined.append(person_group_name(user.pk))
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.layer_server_note()
        await self.accept()
        await self._catch_up()
        self.layer_watch_start()

    async def dispatch(self, message):
        # Channels' default dispatch hops to a worker thread before every handler to close stale database
        # connections. A board event touches no database (a gap is filled through database_sync_to_async, which
        # closes them itself), and with hundreds of participants that hop per event and per socket was most of the
        # time from a post to its arrival everywhere.
        if message["type"] == "board.event":
            await self.board_event(message)
        else:
            await super().dispatch(message)

    async def disconnect(self, code):
        await self._leave_groups()

    async def _leave_groups(self):
        self.layer_watch_stop()
        groups, self.groups_joined = getattr(self, "groups_joined", []), []
        for group in groups:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except channel_layer_errors():
                pass  # Redis is gone; the membership expires with the group (or went with Redis)

    async def _catch_up(self):
        missed = await database_sync_to_async(selectors.board_events_since)(board_id=self.board_id, since=self.last_seq)
        for message in missed:
            await self._forward(message)

    async def _forward(self, message: dict, text: str | None = None):
        if message["seq"] <= self.last_seq:
            return
        self.last_seq = message["seq"]
        await self.send(text_data=text or json.dumps({"kind": "event", **message}))

    async def board_event(self, payload):
        message = payload["event"]
        if message["seq"] <= self.last_seq:
            return  # already sent during the catch-up
        if message["seq"] > self.last_seq + 1:
            await self._catch_up()  # an event arrived before an earlier one: fill the gap from the database
        await self._forward(message, payload.get("text"))

    async def membership_ended(self, message):
        """This person stopped being a member of a front: on that front's members-only board, ask the rule again
        and close the socket (the page then shows whom the board is for) when they may no longer see it."""
        if message["front"] != self.front_id:
            return
        _board, refusal = await database_sync_to_async(board_if_visible)(self.board_id, self.scope.get("user"))
        if refusal:
            await self._shut(refusal)

    async def _shut(self, code: int):
        """Close the socket from the server, leaving the groups first: no event reaches it meanwhile."""
        await self._leave_groups()
        await self.close(code=code)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """Every frame gets an answer and the connection stays: one that is not a JSON object (binary, broken or
        hostile) answers an error event instead of ending the consumer without a close frame."""
        try:
            content = json.loads(text_data) if text_data else None
        except (ValueError, RecursionError):
            content = None
        if not isinstance(content, dict):
            await self._not_understood(ref=None)
            return
        await self.receive_json(content, **kwargs)

    async def _not_understood(self, ref):
        message = _("We did not understand that message. Reload the page and try again.")
        await self.send_json({"kind": "error", "ref": ref, "message": message})

    async def receive_json(self, content, **kwargs):
        ref = content.get("ref")
        try:
            result = await database_sync_to_async(self._act)(content)
        except BoardHidden:
            await self._shut(CLOSE_NOT_ALLOWED)  # every service checks: no longer allowed to see the board
            return
        except (PermissionDenied, ValidationError) as error:
            await self.send_json({"kind": "error", "ref": ref, "message": refusal_text(error)})
            return
        except (KeyError, ValueError, TypeError):  # a missing or malformed field, an unknown action
            await self._not_understood(ref)
            return
        await self.send_json({"kind": "ack", "ref": ref, **result})

    def _act(self, content: dict) -> dict:
        if not hasattr(self, "someone"):  # looked up once: the session cookie does not change during a connection
            self.someone: Someone = someone_of_session(user=self.scope.get("user"), session=self.scope.get("session"))
        return socket_action_run(board_id=self.board_id, someone=self.someone, content=content)
