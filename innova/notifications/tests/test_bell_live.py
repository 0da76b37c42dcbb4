"""The bell over WebSocket (/ws/notificaciones/): each person hears only their own count, as it changes."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from innova.core.testing import run_async_isolated
from innova.notifications.consumers import BellConsumer
from innova.notifications.services.bell import notification_mark_read
from innova.notifications.services.emit import notification_emit
from innova.routing import websocket_urlpatterns

pytestmark = pytest.mark.django_db

# database_sync_to_async closes connections that are not in autocommit mode, i.e. the test case's transaction:
# the tests that reach the database from the consumer run in real transactions.
real_transactions = pytest.mark.django_db(transaction=True)


def connect(user):
    communicator = WebsocketCommunicator(BellConsumer.as_asgi(), "/ws/notificaciones/")
    communicator.scope["user"] = user
    return communicator


def test_the_route_is_registered():
    assert any(str(p.pattern) == "ws/notificaciones/" for p in websocket_urlpatterns)


def test_anonymous_visitors_are_turned_away(db):
    async def run():
        communicator = connect(AnonymousUser())
        connected, code = await communicator.connect()
        assert not connected and code == 4401

    run_async_isolated(run)


@real_transactions
def test_the_count_arrives_on_connect_and_on_every_change(make_user, django_capture_on_commit_callbacks):
    ana, luis = make_user("citizen"), make_user("citizen")
    notification_emit(kind="mentioned", recipients=[ana], dedupe_key="before")

    def emit_to(person, key):
        with django_capture_on_commit_callbacks(execute=True):
            notification_emit(kind="mentioned", recipients=[person], dedupe_key=key)

    def read_all(person):
        with django_capture_on_commit_callbacks(execute=True):
            notification_mark_read(user=person)

    async def run():
        ana_socket, luis_socket = connect(ana), connect(luis)
        assert (await ana_socket.connect())[0] and (await luis_socket.connect())[0]
        assert await ana_socket.receive_json_from(timeout=5) == {"unread": 1}
        assert await luis_socket.receive_json_from(timeout=5) == {"unread": 0}
        await database_sync_to_async(emit_to)(ana, "live")
        assert await ana_socket.receive_json_from(timeout=5) == {"unread": 2}
        await database_sync_to_async(read_all)(ana)
        assert await ana_socket.receive_json_from(timeout=5) == {"unread": 0}
        assert await luis_socket.receive_nothing()  # nothing about Ana reaches Luis
        await ana_socket.send_json_to({"unread": 99})  # clients only listen
        assert await ana_socket.receive_nothing()
        await ana_socket.disconnect()
        await luis_socket.disconnect()

    run_async_isolated(run)


@real_transactions
def test_through_the_real_asgi_stack_with_the_session_cookie(client, make_user, settings):
    """The browser's path: origin check, session cookie → user, route, consumer."""
    from innova.asgi import application

    person = make_user("citizen")
    notification_emit(kind="mentioned", recipients=[person])
    client.force_login(person)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    async def run():
        headers = [(b"cookie", cookie.encode()), (b"origin", b"http://localhost"), (b"host", b"localhost")]
        communicator = WebsocketCommunicator(application, "/ws/notificaciones/", headers=headers)
        assert (await communicator.connect())[0]
        assert await communicator.receive_json_from(timeout=5) == {"unread": 1}
        await communicator.disconnect()
        stranger = WebsocketCommunicator(application, "/ws/notificaciones/", headers=[(b"origin", b"http://localhost")])
        assert not (await stranger.connect())[0]
        evil = WebsocketCommunicator(
            application,
            "/ws/notificaciones/",
            headers=[(b"cookie", cookie.encode()), (b"origin", b"https://evil.example")],
        )
        assert not (await evil.connect())[0]

    run_async_isolated(run)
