"""Issue #18 (hardening) for the live boards: what a hostile participant tried, and what must keep holding."""

from unittest.mock import ANY

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.urls import URLPattern, reverse

from innova.brainstorms.models import Board, BoardEvent, Card, CardGroup, DotVote, Guest, Participant, Phase
from innova.brainstorms.services.boards import board_create, board_phase_set, guest_join
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.conversion import card_to_proposal
from innova.brainstorms.services.limits import board_limits_set
from innova.brainstorms.services.participation import GUEST_SESSION_KEY, BoardHidden
from innova.brainstorms.urls import urlpatterns
from innova.core.testing import run_async_isolated
from innova.fronts import services as fronts
from innova.problems.models import Theme
from innova.proposals.models import Proposal
from innova.routing import websocket_urlpatterns

from .conftest import SECRET_IDEA, SECRET_PROMPT


@pytest.fixture
def private_board(members_only_board):
    """The members-only board of a front (closed, with one card), its coordinator and one member."""
    board, coordinator = members_only_board["board"], members_only_board["coordinator"]
    board_phase_set(actor=coordinator, board=board, phase=Phase.CLOSED)
    return members_only_board


def _board_state(board: Board) -> dict:
    """Everything a request could have changed on or created from a board."""
    board.refresh_from_db()
    return {
        "phase": board.phase,
        "last_seq": board.last_seq,
        "cards": list(Card.objects.filter(board=board).values_list("pk", "text", "group_id", "vote_count")),
        "groups": CardGroup.objects.filter(board=board).count(),
        "dots": DotVote.objects.filter(card__board=board).count(),
        "participants": Participant.objects.filter(board=board).count(),
        "events": BoardEvent.objects.filter(board=board).count(),
        "guests": Guest.objects.count(),
        "proposals": Proposal.objects.count(),
        "problems": Card.objects.filter(board=board, problem__isnull=False).count(),
    }


def _post_data(name: str, card: Card) -> dict:
    """What each board form sends when a person uses it for real."""
    theme = Theme.objects.get(slug="movilidad")
    return {
        "post_card": {"text": "Idea de un extraño", "colour": "verde"},
        "vote": {"card": card.pk},
        "group_create": {"name": "Grupo de un extraño"},
        "move": {"card": card.pk, "group": ""},
        "phase": {"phase": Phase.VOTE},
        "promote": {"theme": theme.pk},
        "suggestions": {"accept": "0", "name-0": "Grupo", "cards-0": str(card.pk)},
        "guest": {"nickname": "Intruso", "accept_policy": "on"},
        "limits": {"ideas_per_person": 500, "dots_per_minute": 500},
    }.get(name, {})


def test_hardening_01_every_board_url_answers_404_to_a_stranger_and_leaks_nothing(client, make_user, private_board):
    board, card = private_board["board"], private_board["card"]
    stranger = make_user("citizen", display_name="Extraño Esteban")
    client.force_login(stranger)
    before = _board_state(board)
    board_urls = [p for p in urlpatterns if isinstance(p, URLPattern) and "pk" in p.pattern.converters]
    assert len(board_urls) >= 15  # every page, export and action of a board is walked, new ones included
    for pattern in board_urls:
        kwargs = {"pk": board.pk, **({"card": card.pk} if "card" in pattern.pattern.converters else {})}
        url = reverse(f"brainstorms:{pattern.name}", kwargs=kwargs)
        answers = {
            "GET": client.get(url),
            "POST": client.post(url, _post_data(pattern.name, card)),
        }
        answered = {method: r.status_code for method, r in answers.items() if r.status_code != 405}
        assert answered and set(answered.values()) == {404}, (url, answered)
        for response in answers.values():
            body = response.content.decode(errors="replace")
            assert SECRET_PROMPT not in body and SECRET_IDEA not in body, url
    assert _board_state(board) == before  # no draft proposal, card, dot, guest or event came of it
    # The board's own page still tells the stranger whom it is for and how to get in, without its content.
    page = client.get(board.get_absolute_url()).content.decode()
    assert "Solo los miembros del frente de trabajo «Frente de movilidad»" in page
    assert private_board["front"].get_absolute_url() in page


@pytest.mark.django_db(transaction=True)
def test_hardening_01_the_live_socket_refuses_a_stranger_before_sending_anything(make_user, private_board):
    board, stranger = private_board["board"], make_user("citizen")

    async def connect():
        communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), f"/ws/lluvias/{board.pk}/?since=0")
        communicator.scope["user"] = stranger
        communicator.scope["session"] = {}
        connected, code = await communicator.connect()
        assert (connected, code) == (False, 4403)
        assert await communicator.receive_nothing()

    run_async_isolated(connect)


def test_hardening_01_the_card_to_proposal_service_refuses_a_stranger(make_user, private_board):
    stranger = make_user("citizen")
    with pytest.raises(BoardHidden):
        card_to_proposal(actor=stranger, card=private_board["card"])
    assert not Proposal.objects.exists()
    proposal = card_to_proposal(actor=private_board["member"], card=private_board["card"])
    assert proposal.author == private_board["member"] and proposal.published_at is None


def _live(board, user=None, session=None):
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), f"/ws/lluvias/{board.pk}/")
    communicator.scope["user"] = user or AnonymousUser()
    communicator.scope["session"] = session or {}
    return communicator


async def _answer(communicator) -> dict:
    """The next ack or error of this client (events of others are skipped)."""
    while True:
        message = await communicator.receive_json_from(timeout=5)
        if message["kind"] != "event":
            return message


async def _count_events(communicator, kind: str) -> int:
    """How many events of ``kind`` this client receives until the room is quiet."""
    count = 0
    while not await communicator.receive_nothing(timeout=0.3):
        message = await communicator.receive_json_from()
        count += message.get("type") == kind
    return count


@pytest.mark.django_db(transaction=True)
def test_hardening_04_a_flood_of_ideas_and_dots_is_refused_until_the_facilitator_raises_the_limit(make_user):
    facilitator = make_user("facilitator")
    board = board_create(actor=facilitator, prompt="¿Qué hacemos con el parque?", allow_guests=True)
    guest = guest_join(board=board, nickname="Visitante", accept_policy=True)
    observer = make_user("citizen")
    set_phase = database_sync_to_async(board_phase_set)

    async def scenario():
        flooder, room = _live(board, session={GUEST_SESSION_KEY: guest.pk}), _live(board, observer)
        assert (await flooder.connect())[0] and (await room.connect())[0]
        for n in range(20):  # the default: 20 ideas per person per hour
            await flooder.send_json_to({"action": "post", "text": f"Idea número {n}", "ref": n})
            assert (await _answer(flooder))["kind"] == "ack"
        await flooder.send_json_to({"action": "post", "text": "Idea número 21", "ref": 21})
        refusal = await _answer(flooder)
        assert refusal["kind"] == "error" and refusal["ref"] == 21
        assert refusal["message"].startswith("Usted ya publicó 20 ideas en la última hora")
        assert await _count_events(room, "card_added") == 20  # the 21st reached nobody

        set_limits = database_sync_to_async(board_limits_set)
        await set_limits(actor=facilitator, board=board, ideas_per_hour=40, dot_changes_per_minute=4)
        await flooder.send_json_to({"action": "post", "text": "Idea número 21", "ref": 22})
        assert (await _answer(flooder))["kind"] == "ack"
        assert await _count_events(room, "card_added") == 1

        await set_phase(actor=facilitator, board=board, phase=Phase.VOTE)
        card_id = await database_sync_to_async(lambda: Card.objects.filter(board=board).first().pk)()
        for n, action in enumerate(["vote", "unvote", "vote", "unvote"]):
            await flooder.send_json_to({"action": action, "card": card_id, "ref": 100 + n})
            assert (await _answer(flooder))["kind"] == "ack"
        await flooder.send_json_to({"action": "vote", "card": card_id, "ref": 200})
        refusal = await _answer(flooder)
        assert refusal["kind"] == "error" and "demasiado rápido (máximo 4 cambios por minuto)" in refusal["message"]
        await set_limits(actor=facilitator, board=board, ideas_per_hour=40, dot_changes_per_minute=10)
        await flooder.send_json_to({"action": "vote", "card": card_id, "ref": 201})
        assert (await _answer(flooder))["kind"] == "ack"
        assert await _count_events(room, "vote") == 5
        await flooder.disconnect()
        await room.disconnect()

    run_async_isolated(scenario)
    assert Card.objects.filter(board=board).count() == 21
    assert DotVote.objects.filter(card__board=board).count() == 1


def test_hardening_04_the_form_without_javascript_keeps_the_idea_and_says_why(client, make_user, make_board, someone):
    facilitator, citizen = make_user("facilitator"), make_user("citizen")
    board = make_board(actor=facilitator)
    board_limits_set(actor=facilitator, board=board, ideas_per_hour=2, dot_changes_per_minute=30)
    for text in ("Primera idea", "Segunda idea"):
        card_post(board=board, someone=someone(citizen), text=text)
    client.force_login(citizen)
    response = client.post(
        reverse("brainstorms:post_card", args=[board.pk]), {"text": "Tercera idea", "colour": "azul"}, follow=True
    )
    page = response.content.decode()
    assert "Usted ya publicó 2 ideas en la última hora" in page
    assert "Tercera idea</textarea>" in page  # what was typed is still in the form
    assert Card.objects.filter(board=board).count() == 2
    # The facilitator raises the limit in the small form of the board's facilitator tools.
    client.force_login(facilitator)
    assert 'name="ideas_per_hour" value="2"' in client.get(board.get_absolute_url()).content.decode()
    client.post(reverse("brainstorms:limits", args=[board.pk]), {"ideas_per_hour": 5, "dot_changes_per_minute": 30})
    client.force_login(citizen)
    client.post(reverse("brainstorms:post_card", args=[board.pk]), {"text": "Tercera idea", "colour": "azul"})
    assert Card.objects.filter(board=board).count() == 3
    # A participant cannot raise it.
    response = client.post(
        reverse("brainstorms:limits", args=[board.pk]),
        {"ideas_per_hour": 500, "dot_changes_per_minute": 30},
        follow=True,
    )
    board.refresh_from_db()
    assert board.ideas_per_hour == 5 and "Solo quien facilita la lluvia de ideas" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_hardening_11_a_member_who_leaves_the_front_stops_receiving_its_members_only_board(make_user, someone):
    coordinator = make_user("facilitator")
    front = fronts.front_create(
        creator=coordinator, name="Frente de cuidado", theme=Theme.objects.get(slug="movilidad"), description="x"
    )
    board = board_create(actor=coordinator, prompt=SECRET_PROMPT, front=front, members_only=True)
    leaver, stayer = make_user("citizen"), make_user("citizen")
    for member in (leaver, stayer):
        fronts.front_join(user=member, front=front)
    post = database_sync_to_async(card_post)

    async def scenario():
        leaving, staying = _live(board, leaver), _live(board, stayer)
        assert (await leaving.connect())[0] and (await staying.connect())[0]
        await database_sync_to_async(fronts.front_leave)(user=leaver, front=front)
        assert await leaving.receive_output(timeout=5) == {"type": "websocket.close", "code": 4403}
        await post(board=board, someone=someone(coordinator), text=SECRET_IDEA)
        (event,) = [m for m in [await staying.receive_json_from(timeout=5)] if m["kind"] == "event"]
        assert event["data"]["text"] == SECRET_IDEA  # the member who stayed still receives the board
        assert await leaving.receive_nothing()  # the one who left receives nothing more
        await staying.disconnect()

    run_async_isolated(scenario)


@pytest.mark.django_db(transaction=True)
def test_hardening_14_frames_that_are_not_json_or_carry_nul_bytes_answer_an_error_and_keep_the_socket(make_user):
    facilitator, citizen = make_user("facilitator"), make_user("citizen")
    board = board_create(actor=facilitator, prompt="¿Qué hacemos?\x00", allow_guests=True)

    async def scenario():
        communicator, room = _live(board, citizen), _live(board, facilitator)
        assert (await communicator.connect())[0] and (await room.connect())[0]
        for frame in ({"text_data": "esto no es JSON {"}, {"text_data": "[]"}, {"bytes_data": b"\x00\x01"}):
            await communicator.send_to(**frame)
            answer = await _answer(communicator)
            assert answer["kind"] == "error" and answer["message"].startswith("No entendimos ese mensaje"), frame
        await communicator.send_json_to({"action": "post", "text": "Parque\x00 limpio", "ref": 1})
        assert (await _answer(communicator)) == {"kind": "ack", "ref": 1, "card": ANY}
        await room.send_json_to({"action": "group", "name": "Am\x00biente", "ref": 2})
        assert (await _answer(room))["kind"] == "ack"
        await communicator.send_json_to({"action": "vote", "card": "1\x00", "ref": 3})
        assert (await _answer(communicator))["kind"] == "error"
        # The socket still answers after all of it.
        await communicator.send_json_to({"action": "post", "text": "Más árboles", "ref": 4})
        assert (await _answer(communicator))["kind"] == "ack"
        await communicator.disconnect()
        await room.disconnect()

    run_async_isolated(scenario)
    assert list(Card.objects.filter(board=board).values_list("text", flat=True)) == ["Parque limpio", "Más árboles"]
    assert list(CardGroup.objects.filter(board=board).values_list("name", flat=True)) == ["Ambiente"]
    board.refresh_from_db()
    assert board.prompt == "¿Qué hacemos?"
    guest = guest_join(board=board, nickname="Ro\x00sa", accept_policy=True)
    assert guest.nickname == "Rosa"


def test_a_hidden_idea_leaves_the_stored_live_events_and_open_screens(client, make_user, make_board, someone):
    """Moderation hides an idea: a socket or page that replays the board's events from the start never gets its
    text again, open screens are told to drop it, and showing it again brings it back."""
    from innova.comments.services import moderation_set_hidden

    facilitator = make_user("facilitator")
    board = make_board(actor=facilitator)
    card = card_post(board=board, someone=someone(user=make_user("citizen")), text=SECRET_IDEA)
    events_url = reverse("brainstorms:events", args=[board.pk]) + "?since=0"
    assert SECRET_IDEA in str(client.get(events_url).json()["events"])

    moderation_set_hidden(actor=facilitator, target=card, hidden=True, reason="Datos personales")
    replay = client.get(events_url).json()["events"]
    assert SECRET_IDEA not in str(replay)
    assert replay[-1]["type"] == "card_removed" and replay[-1]["data"] == {"card": card.pk}

    moderation_set_hidden(actor=facilitator, target=card, hidden=False, reason="Revisado: se puede mostrar")
    last = client.get(events_url).json()["events"][-1]
    assert last["type"] == "card_added" and last["data"]["text"] == SECRET_IDEA
