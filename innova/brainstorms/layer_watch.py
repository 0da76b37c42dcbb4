"""A live socket that survives the channel layer (Redis) going away: it closes so that its client reconnects.

When Redis goes away, the channel layer's receive fails for every socket of the process: the socket is closed with
``CLOSE_LAYER_LOST`` (a socket left open would never hear of the board again), the client shows that it is
reconnecting and retries with ``?since=`` until Redis is back. Connects are refused meanwhile (joining the group
needs Redis). A Redis restarted within a blink comes back without the group's members while some receives survive
it: every LAYER_CHECK_SECONDS each socket checks that Redis is still the server it joined (its ``run_id``) and
closes with the same code when it is not.
"""

import asyncio
import logging
import random
import time

from innova.core.resilience import channel_layer_errors

logger = logging.getLogger("innova.brainstorms.consumers")  # the live board's one log, as before the split

CLOSE_LAYER_LOST = 4503  # "reconnect and catch up": the channel layer (Redis) could not be reached
LAYER_CHECK_SECONDS = 15


class LayerWatch:
    """Mixed into a channels consumer whose ``group_name`` is the group it joined."""

    _last_warning = 0.0
    layer_server: str | None = None
    layer_watch: asyncio.Future | None = None

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        except channel_layer_errors() as error:
            if time.monotonic() - LayerWatch._last_warning > 30:  # one line per outage, not one per socket
                LayerWatch._last_warning = time.monotonic()
                logger.warning("board sockets closed, channel layer unavailable: %r", error)
            try:
                await self.close(code=CLOSE_LAYER_LOST)  # before accept(), this refuses the handshake
            except (OSError, RuntimeError):
                pass  # the client is gone already
        finally:
            self.layer_watch_stop()

    async def layer_server_note(self) -> None:
        """Remember which Redis server holds the group just joined (before accepting the socket)."""
        self.layer_server = await self._layer_server()

    def layer_watch_start(self) -> None:
        if self.layer_server is not None:
            self.layer_watch = asyncio.ensure_future(self._watch_layer())

    def layer_watch_stop(self) -> None:
        if self.layer_watch is not None:
            self.layer_watch.cancel()

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
