from django.urls import path

from .consumers import BellConsumer

websocket_urlpatterns = [path("ws/notificaciones/", BellConsumer.as_asgi())]
