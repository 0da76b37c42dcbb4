"""The live board: one WebSocket per participant, one channel-layer group per board.

On connect the client says which event it saw last (``?since=seq``); the consumer joins the board's group first and
then replays the stored events after ``since``, so nothing committed in between is lost. Events carry their
``seq``; the consumer forwards each exactly once and in order (a duplicate is dropped, a gap is filled from the
database). Actions sent by the client run through the same services as the HTML forms.

When Redis goes away, the channel layer's receive fails for every socket of the process: the consumer closes
the socket with ``CLOSE_LAYER_LOST`` (a socket left open would never hear of the board again), the client shows
that it is reconnecting and retries with ``?since=`` until Redis is back. Connects are refused meanwhile (joining
the group needs Redis). A Redis restarted within a blink comes back without the group's members while some
receives survive it: every LAYER_CHECK_SECONDS each socket checks that Redis is still the server it joined (its
``run_id``) and closes with the same code when it is not.
"""

import asyncio
import json
import logging
import random
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from innova.core.resilience import channel_layer_errors
from innova.core.text import clean_user_text

from . import selectors
from .models import Board
from .services.boards import board_phase_set
from .services.cards import card_post
from .services.dots import card_unvote, card_vote
from .services.events import board_group_name, person_group_name
from .services.groups import card_move, group_create
from .services.participation import BoardHidden, Someone, board_view_check, someone_of_session

logger = logging.getLogger(__name__)

CLOSE_LAYER_LOST = 4503  # "reconnect and catch up": the channel layer (Redis) could not be reached
LAYER_CHECK_SECONDS = 15
CLOSE_NOT_FOUND = 4404
CLOSE_NOT_ALLOWED = 4403  # a members-only board, and this socket is not one of its front's members


class BoardConsumer(AsyncJsonWebsocketConsumer):
    _last_warning = 0.0

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        except channel_layer_errors() as error:
            if time.monotonic() - BoardConsumer._last_warning > 30:  # one line per outage, not one per socket
                BoardConsumer._last_warning = time.monotonic()
                logger.warning("board sockets closed, channel layer unavailable: %r", error)
            try:
                await self.close(code=CLOSE_LAYER_LOST)  # before accept(), this refuses the handshake
            except (OSError, RuntimeError):
                pass  # the client is gone already
        finally:
            if getattr(self, "layer_watch", None) is not None:
                self.layer_watch.cancel()

    async def connect(self):
        self.board_id = int(self.scope["url_route"]["kwargs"]["pk"])
        board, refusal = await database_sync_to_async(self._board_if_visible)()
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
        self.layer_server = await self._layer_server()
        await self.accept()
        await self._catch_up()
        if self.layer_server is not None:
            self.layer_watch = asyncio.ensure_future(self._watch_layer())

    async def _layer_server(self) -> str | None:
        """The Redis server that holds the board's group (its ``run_id`` changes when it restarts)."""
        connection = getattr(self.channel_layer, "connection", None)  # RedisChannelLayer's, per event loop
        if connection is None:
            return None  # the in-memory layer (tests, embedded mode) lives and dies with this process
        info = await connection(self.channel_layer.consistent_hash(self.group_name)).info("server")
        return info["run_id"]

    async def _watch_layer(self):
        while True:
            await asyncio.sleep(LAYER_CHECK_SECONDS * random.uniform(0.8, 1.2))  # noqa: S311  # nosec B311
            try:
                same = await self._layer_server() == self.layer_server
            except channel_layer_errors():
                same = False
            if not same:
                await self.close(code=CLOSE_LAYER_LOST)
                return

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
        if getattr(self, "layer_watch", None) is not None:
            self.layer_watch.cancel()
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
        _board, refusal = await database_sync_to_async(self._board_if_visible)()
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
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            await self.send_json({"kind": "error", "ref": ref, "message": text})
            return
        except (KeyError, ValueError, TypeError):  # a missing or malformed field, an unknown action
            await self._not_understood(ref)
            return
        await self.send_json({"kind": "ack", "ref": ref, **result})

    def _board_if_visible(self) -> tuple[Board | None, int | None]:
        """The board and no refusal, or the close code: it does not exist, or this visitor may not see it (the
        pages' rule)."""
        board = Board.objects.select_related("front").filter(pk=self.board_id).first()
        if board is None:
            return None, CLOSE_NOT_FOUND
        try:
            board_view_check(board=board, user=self.scope.get("user"))
        except BoardHidden:
            return None, CLOSE_NOT_ALLOWED
        return board, None

    def _someone(self) -> Someone:
        """Who this connection is, looked up once (the session cookie does not change during a connection)."""
        if not hasattr(self, "someone"):
            self.someone = someone_of_session(user=self.scope.get("user"), session=self.scope.get("session"))
        return self.someone

    def _act(self, content: dict) -> dict:
        action = content.get("action")
        board = Board(pk=self.board_id)  # every service locks and reads the board's current row itself
        someone = self._someone()
        user = someone.user
        if action == "post":
            card = card_post(
                board=board,
                someone=someone,
                text=clean_user_text(str(content.get("text", ""))),
                colour=str(content.get("colour", "")),
                anonymous=bool(content.get("anonymous")),
            )
            return {"card": card.pk}
        if action == "vote":
            return {"dots_left": card_vote(board=board, someone=someone, card_id=int(content["card"]))}
        if action == "unvote":
            return {"dots_left": card_unvote(board=board, someone=someone, card_id=int(content["card"]))}
        if action == "move":
            group = content.get("group")
            card_move(actor=user, board=board, card_id=int(content["card"]), group_id=int(group) if group else None)
            return {}
        if action == "group":
            group = group_create(actor=user, board=board, name=clean_user_text(str(content.get("name", ""))))
            return {"group": group.pk}
        if action == "phase":
            board_phase_set(actor=user, board=board, phase=str(content.get("phase", "")))
            return {}
        raise ValueError(action)
