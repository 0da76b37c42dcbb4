from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import selectors
from .services.bell import bell_group


class BellConsumer(AsyncJsonWebsocketConsumer):
    """``/ws/notificaciones/``: the logged-in person's unread count, pushed whenever it changes."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = bell_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        unread = await database_sync_to_async(selectors.notification_unread_count)(user=user)
        await self.send_json({"unread": unread})

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """Clients only listen."""

    async def bell_count(self, event):
        await self.send_json({"unread": event["unread"]})
