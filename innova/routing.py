"""WebSocket routes of every app, gathered in one list.

Each app that has live parts exposes ``websocket_urlpatterns`` in its own ``routing.py``;
list it here.
"""

websocket_urlpatterns: list = []
