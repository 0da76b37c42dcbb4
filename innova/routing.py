"""WebSocket routes of every app, gathered in one list.

Each app that has live parts exposes ``websocket_urlpatterns`` in its own ``routing.py``;
list it here.
"""

from innova.brainstorms.routing import websocket_urlpatterns as brainstorms_ws
from innova.notifications.routing import websocket_urlpatterns as notifications_ws

websocket_urlpatterns: list = [*notifications_ws, *brainstorms_ws]
