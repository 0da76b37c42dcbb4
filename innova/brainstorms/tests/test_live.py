"""The live board over WebSockets: several clients, one board; everything reaches everyone, once and in order."""

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from innova.brainstorms.models import Card, DotVote, Phase
from innova.brainstorms.services.boards import board_phase_set
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.dots import card_vote
from innova.core.testing import run_async_isolated, run_concurrently
from innova.routing import websocket_urlpatterns

pytestmark = pytest.mark.django_db(transaction=True)


def _client(board, user=None, since=None):
    path = f"/ws/lluvias/{board.pk}/" + ("" if since is None else f"?since={since}")
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    communicator.scope["user"] = user or AnonymousUser()
    communicator.scope["session"] = {}
    return communicator


_run = run_async_isolated  # the scenario runs in its own thread and loop


_held: dict[int, list[dict]] = {}  # events a client received while a test waited for its ack


async def _events(communicator, count: int) -> list[dict]:
    """The next ``count`` events this client receives (acks and errors are skipped)."""
    held = _held.setdefault(id(communicator), [])
    while len(held) < count:
        message = await communicator.receive_json_from(timeout=3)
        if message["kind"] == "event":
            held.append(message)
    found, held[:] = held[:count], held[count:]
    return found


async def _reply(communicator) -> dict:
    """The next ack or error this client receives (events received meanwhile are held for ``_events``)."""
    while True:
        message = await communicator.receive_json_from(timeout=3)
        if message["kind"] in ("ack", "error"):
            return message
        _held.setdefault(id(communicator), []).append(message)


async def _connect_all(board, people: dict, since: int) -> dict:
    clients = {name: _client(board, user, since) for name, user in people.items()}
    for communicator in clients.values():
        connected, _code = await communicator.connect()
        assert connected
    return clients


async def _a_card_reaches_everyone(clients: dict) -> tuple[int, int]:
    """A card posted by one client reaches all of them, the author included: its id and its sequence."""
    await clients["alice"].send_json_to({"action": "post", "text": "Ruta del SITP al Uval", "ref": 1})
    assert (await _reply(clients["alice"]))["kind"] == "ack"
    for communicator in clients.values():
        (event,) = await _events(communicator, 1)
        assert event["type"] == "card_added" and event["data"]["text"] == "Ruta del SITP al Uval"
    return event["data"]["id"], event["seq"]


async def _a_reconnect_catches_up(board, clients: dict, carmen, seq_after_card: int) -> None:
    """Carmen loses her connection; two cards are posted meanwhile; she reconnects and gets exactly those."""
    await clients["carmen"].disconnect()
    await clients["bruno"].send_json_to({"action": "post", "text": "Más buses temprano", "colour": "azul"})
    await clients["alice"].send_json_to({"action": "post", "text": "Paradero con techo", "anonymous": True})
    for name in ("alice", "bruno", "facilitator"):
        texts = [e["data"]["text"] for e in await _events(clients[name], 2)]
        assert sorted(texts) == ["Más buses temprano", "Paradero con techo"]
    # She reconnects with the last sequence she saw: exactly the two missed cards, in order, no duplicates.
    back = _client(board, carmen, seq_after_card)
    assert (await back.connect())[0]
    missed = await _events(back, 2)
    assert [e["seq"] for e in missed] == [seq_after_card + 1, seq_after_card + 2]
    assert await back.receive_nothing(timeout=0.3)  # nothing twice
    clients["carmen"] = back


async def _a_group_and_moves_reach_everyone(clients: dict, card_id: int) -> None:
    """The facilitator groups and moves a card; everyone sees the group and the move."""
    await clients["facilitator"].send_json_to({"action": "group", "name": "Transporte"})
    await clients["facilitator"].send_json_to({"action": "move", "card": card_id, "group": None})
    for communicator in clients.values():
        added, moved = await _events(communicator, 2)
        assert added["type"] == "group_added" and added["data"]["name"] == "Transporte"
        assert moved["type"] == "card_moved"
    group_id = added["data"]["id"]
    await clients["facilitator"].send_json_to({"action": "move", "card": card_id, "group": group_id})
    for communicator in clients.values():
        (moved,) = await _events(communicator, 1)
        assert moved["data"] == {"card": card_id, "group": group_id}


async def _only_the_facilitator_moves_the_phase(clients: dict) -> None:
    """A participant's attempt is refused with a clear message; the facilitator's reaches everyone."""
    await clients["bruno"].send_json_to({"action": "phase", "phase": Phase.VOTE, "ref": 7})
    refused = await _reply(clients["bruno"])
    assert refused == {
        "kind": "error",
        "ref": 7,
        "message": "Solo quien facilita la lluvia de ideas puede hacer esto.",
    }
    await clients["facilitator"].send_json_to({"action": "phase", "phase": Phase.VOTE})
    for communicator in clients.values():
        (phase,) = await _events(communicator, 1)
        assert phase["type"] == "phase" and phase["data"]["phase"] == Phase.VOTE


async def _votes_reach_everyone_and_a_third_dot_is_refused(clients: dict, card_id: int) -> None:
    """Votes propagate with the card's count; the third dot of two is refused."""
    for expected_left in (1, 0):
        await clients["bruno"].send_json_to({"action": "vote", "card": card_id})
        assert (await _reply(clients["bruno"]))["dots_left"] == expected_left
    await clients["bruno"].send_json_to({"action": "vote", "card": card_id})
    assert "Ya puso sus 2 puntos" in (await _reply(clients["bruno"]))["message"]
    for communicator in clients.values():
        votes = await _events(communicator, 2)
        assert [e["data"]["votes"] for e in votes] == [1, 2]


async def _a_visitor_watches_but_cannot_post(board, clients: dict) -> None:
    """Someone not logged in can watch but not post."""
    watcher = _client(board, None, 0)
    assert (await watcher.connect())[0]
    history = await _events(watcher, 10)
    assert [e["seq"] for e in history] == list(range(1, 11))
    await watcher.send_json_to({"action": "post", "text": "x"})
    assert "Inicie sesión" in (await _reply(watcher))["message"]
    for communicator in [*clients.values(), watcher]:
        await communicator.disconnect()


def test_cards_votes_and_moves_reach_every_client_and_reconnect_catches_up(make_board, make_user):
    facilitator = make_user("facilitator")
    alice, bruno, carmen = make_user("citizen"), make_user("citizen"), make_user("official")
    board = make_board(actor=facilitator, dots_per_person=2)
    people = {"alice": alice, "bruno": bruno, "carmen": carmen, "facilitator": facilitator}

    async def scenario():
        clients = await _connect_all(board, people, board.last_seq)
        card_id, seq_after_card = await _a_card_reaches_everyone(clients)
        await _a_reconnect_catches_up(board, clients, carmen, seq_after_card)
        await _a_group_and_moves_reach_everyone(clients, card_id)
        await _only_the_facilitator_moves_the_phase(clients)
        await _votes_reach_everyone_and_a_third_dot_is_refused(clients, card_id)
        await _a_visitor_watches_but_cannot_post(board, clients)

    _run(scenario)
    assert Card.objects.filter(board=board).count() == 3


@pytest.mark.postgres(reason="SQLite's in-memory test database takes one writer thread at a time")
def test_dots_cannot_be_overspent_under_concurrency(make_board, make_user, someone):
    facilitator = make_user("facilitator")
    voter = make_user("citizen")
    board = make_board(actor=facilitator, dots_per_person=3)
    card = card_post(board=board, someone=someone(voter), text="Idea")
    board = board_phase_set(actor=facilitator, board=board, phase=Phase.VOTE)
    clicks = range(12)  # twelve clicks at once by the same voter
    errors = run_concurrently(lambda _click: card_vote(board=board, someone=someone(voter), card_id=card.pk), clicks)
    assert len(errors) == 9 and all(isinstance(error, ValidationError) for error in errors)  # 3 dots spent
    card.refresh_from_db()
    assert card.vote_count == 3 == DotVote.objects.filter(card=card).count()


def test_unknown_board_is_refused(db):
    from innova.brainstorms.models import Board

    async def scenario():
        communicator = _client(Board(pk=999_999))
        connected, _code = await communicator.connect()
        assert not connected

    _run(scenario)


@pytest.mark.postgres(reason="SQLite's in-memory test database takes one writer thread at a time")
def test_concurrent_posts_get_contiguous_event_numbers(make_board, make_user, someone):
    from innova.brainstorms.models import BoardEvent

    board = make_board(actor=make_user("facilitator"))
    people = [make_user("citizen") for _ in range(16)]
    errors = run_concurrently(
        lambda person: card_post(board=board, someone=someone(person), text=f"Idea de {person.pk}"), people
    )
    assert not errors
    seqs = list(BoardEvent.objects.filter(board=board).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(people) + 2))  # "opened" plus one event per idea, no gap, no repeat
    assert Card.objects.filter(board=board).count() == len(people)


def test_a_socket_whose_channel_layer_fails_is_closed_so_the_client_reconnects_and_catches_up(
    make_board, make_user, someone, monkeypatch
):
    import asyncio

    import redis
    from channels.layers import get_channel_layer

    from innova.brainstorms.layer_watch import CLOSE_LAYER_LOST

    facilitator, citizen = make_user("facilitator"), make_user("citizen")
    board = make_board(actor=facilitator)
    layer = get_channel_layer()
    working_receive = layer.receive

    async def scenario():
        redis_gone = asyncio.Event()

        async def receive(channel):
            # What channels_redis does when Redis stops: the blocking read fails for every socket.
            waiting = asyncio.ensure_future(working_receive(channel))
            gone = asyncio.ensure_future(redis_gone.wait())
            done, _pending = await asyncio.wait([waiting, gone], return_when=asyncio.FIRST_COMPLETED)
            if waiting in done:
                gone.cancel()
                return waiting.result()
            waiting.cancel()
            raise redis.exceptions.ConnectionError("Connection closed by server.")

        monkeypatch.setattr(layer, "receive", receive)
        since = board.last_seq
        communicator = _client(board, citizen, since)
        assert (await communicator.connect())[0]
        redis_gone.set()
        # Not left open and silent: closed with the code that says "reconnect".
        assert await communicator.receive_output(timeout=3) == {"type": "websocket.close", "code": CLOSE_LAYER_LOST}
        await communicator.wait()

        # Meanwhile ideas keep being posted (their broadcast is lost with Redis).
        for text in ("Idea durante la caída", "Otra idea"):
            await database_sync_to_async(card_post)(board=board, someone=someone(citizen), text=text)

        # Redis is back: the client reconnects with the last seq it saw and gets exactly what it missed, in order.
        monkeypatch.setattr(layer, "receive", working_receive)
        back = _client(board, citizen, since)
        assert (await back.connect())[0]
        missed = await _events(back, 2)
        assert [e["seq"] for e in missed] == [since + 1, since + 2]
        assert [e["data"]["text"] for e in missed] == ["Idea durante la caída", "Otra idea"]
        assert await back.receive_nothing(timeout=0.3)
        await back.disconnect()

    _run(scenario)


def test_a_socket_closes_when_redis_restarted_and_forgot_the_group(make_board, make_user, monkeypatch):
    from channels.layers import get_channel_layer

    from innova.brainstorms import layer_watch

    board = make_board(actor=make_user("facilitator"))
    layer = get_channel_layer()

    class Redis:
        run_id = "primero"

        async def info(self, section):
            return {"run_id": self.run_id}

    redis = Redis()
    monkeypatch.setattr(layer, "connection", lambda index: redis, raising=False)
    monkeypatch.setattr(layer, "consistent_hash", lambda value: 0, raising=False)
    monkeypatch.setattr(layer_watch, "LAYER_CHECK_SECONDS", 0.1)

    async def scenario():
        communicator = _client(board, None, board.last_seq)
        assert (await communicator.connect())[0]
        assert await communicator.receive_nothing(timeout=0.4)  # the same Redis: the socket stays open
        redis.run_id = "reiniciado"  # restarted, empty: this socket is no longer in the board's group
        assert await communicator.receive_output(timeout=3) == {
            "type": "websocket.close",
            "code": layer_watch.CLOSE_LAYER_LOST,
        }
        await communicator.wait()

    _run(scenario)
