from django.urls import path

from .consumers import BoardConsumer

websocket_urlpatterns = [path("ws/lluvias/<int:pk>/", BoardConsumer.as_asgi())]
