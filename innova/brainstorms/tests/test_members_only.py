"""A members-only board is seen only by its front's members and those who run it: pages, exports, list, socket."""

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from innova.brainstorms.services.boards import board_create
from innova.core.testing import run_async_isolated
from innova.routing import websocket_urlpatterns

from .conftest import SECRET_IDEA

READ_PAGES = ["detail", "projector", "events", "guest", "export_csv", "print", "export_pdf"]


@pytest.fixture
def front_with_boards(members_only_board):
    """A front of the lab with a members-only board (one card) and an ordinary board; a member and a stranger."""
    front, coordinator = members_only_board["front"], members_only_board["coordinator"]
    ordinary = board_create(actor=coordinator, prompt="¿Cómo llegamos al colegio?", front=front)
    return {**members_only_board, "private": members_only_board["board"], "ordinary": ordinary}


@pytest.mark.parametrize(
    "who,sees_private",
    [
        ("anonymous", False),
        ("citizen", False),
        ("unverified_official", False),
        ("official", False),
        ("member", True),
        ("coordinator", True),
        ("facilitator", True),  # lab staff see every board
        ("administrator", True),
    ],
)
def test_who_sees_which_board(request, front_with_boards, who, sees_private):
    if who == "anonymous":
        user = AnonymousUser()
    elif who in ("member", "coordinator"):
        user = front_with_boards[who]
    else:
        user = request.getfixturevalue(who)
    assert user.has_perm("brainstorms.view_board", front_with_boards["private"]) is sees_private
    assert user.has_perm("brainstorms.view_board", front_with_boards["ordinary"])  # not members-only: everyone
    from innova.brainstorms.selectors import board_visible_to

    visible = set(board_visible_to(user))
    assert front_with_boards["ordinary"] in visible
    assert (front_with_boards["private"] in visible) is sees_private


@pytest.mark.parametrize("page", READ_PAGES)
def test_a_stranger_gets_a_404_that_explains_and_never_the_cards(client, citizen, front_with_boards, page):
    url = reverse(f"brainstorms:{page}", args=[front_with_boards["private"].pk])
    client.force_login(citizen)
    response = client.get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert SECRET_IDEA not in body
    assert "Solo los miembros del frente de trabajo «Frente de movilidad»" in body
    assert front_with_boards["front"].get_absolute_url() in body


def test_a_visitor_without_account_is_offered_to_log_in(client, front_with_boards):
    url = reverse("brainstorms:detail", args=[front_with_boards["private"].pk])
    response = client.get(url)
    assert response.status_code == 404
    assert SECRET_IDEA not in response.content.decode()
    assert f'class="button" href="/cuenta/login/?next={url}"' in response.content.decode()


@pytest.mark.parametrize("page", READ_PAGES)
def test_members_see_every_page_of_their_board(client, front_with_boards, page):
    client.force_login(front_with_boards["member"])
    response = client.get(reverse(f"brainstorms:{page}", args=[front_with_boards["private"].pk]))
    assert response.status_code in (200, 302)  # guest page sends a logged-in member to the board


def test_the_list_of_boards_shows_a_members_only_board_only_to_members(client, citizen, front_with_boards):
    index = reverse("brainstorms:index")
    assert "¿Qué llevamos a la junta?" not in client.get(index).content.decode()
    assert "¿Cómo llegamos al colegio?" in client.get(index).content.decode()
    client.force_login(citizen)
    assert "¿Qué llevamos a la junta?" not in client.get(index).content.decode()
    client.force_login(front_with_boards["member"])
    assert "¿Qué llevamos a la junta?" in client.get(index).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_live_socket_refuses_a_stranger_and_takes_a_member(make_user, front_with_boards):
    stranger = make_user("citizen")
    board = front_with_boards["private"]

    outcomes = []

    async def connect(user):
        communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), f"/ws/lluvias/{board.pk}/?since=0")
        communicator.scope["user"] = user
        communicator.scope["session"] = {}
        connected, code = await communicator.connect()
        if connected:
            replay = [await communicator.receive_json_from(timeout=5) for _ in range(2)]  # opened, the card
            outcomes.append(("connected", replay))
            await communicator.disconnect()
        else:
            outcomes.append(("refused", code))

    for user in (stranger, AnonymousUser(), front_with_boards["member"]):
        run_async_isolated(lambda user=user: connect(user))
    assert outcomes[:2] == [("refused", 4403), ("refused", 4403)]
    assert outcomes[2][0] == "connected" and SECRET_IDEA in str(outcomes[2][1])
