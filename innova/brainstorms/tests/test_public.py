"""Boards in the open data, the site search and the dashboard: public boards only, counts only."""

import pytest
from django.core.files.storage import default_storage

from innova.brainstorms import public
from innova.brainstorms.models import Phase
from innova.brainstorms.services.boards import board_phase_set
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.dots import card_vote
from innova.brainstorms.services.groups import group_create
from innova.fronts import services as fronts
from innova.opendata.selectors import dashboard, search_everything
from innova.opendata.services import FOLDER, opendata_export
from innova.problems.models import Theme
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


@pytest.fixture
def boards(make_board, facilitator, citizen, make_user, someone):
    """An open call with cards, a group and dots; a front's board open to all; a members-only board."""
    front = fronts.front_create(
        creator=facilitator,
        name="Frente Yomasa",
        theme=Theme.objects.first(),
        description="x",
        upzs=[Upz.objects.get(code="57")],
    )
    open_call = make_board(actor=facilitator, prompt="¿Dónde sembramos árboles en Usme?", allow_anonymous=True)
    neighbour = make_user("citizen")
    card = card_post(board=open_call, someone=someone(citizen), text="En la ronda del río")
    card_post(board=open_call, someone=someone(neighbour), text="En los colegios", anonymous=True)
    board_phase_set(actor=facilitator, board=open_call, phase=Phase.GROUP)
    group_create(actor=facilitator, board=open_call, name="Agua")
    board_phase_set(actor=facilitator, board=open_call, phase=Phase.VOTE)
    card_vote(board=open_call, someone=someone(citizen), card_id=card.pk)
    card_vote(board=open_call, someone=someone(neighbour), card_id=card.pk)
    of_front = make_board(actor=facilitator, prompt="¿Qué árboles nativos conocemos?", front=front)
    private = make_board(actor=facilitator, prompt="¿Quién riega los árboles?", front=front, members_only=True)
    card_post(board=private, someone=someone(facilitator), text="Nosotros")
    return {"open_call": open_call, "of_front": of_front, "private": private, "author": citizen}


def test_search_finds_public_boards_without_accents_never_members_only_ones(boards):
    results = search_everything(q="arboles", kind="boards")
    assert {hit.url for hit, _t, _s in results.hits} == {
        boards["open_call"].get_absolute_url(),
        boards["of_front"].get_absolute_url(),
    }
    assert ("boards", 2) in [(kind, n) for kind, _label, n in results.by_kind]
    assert "Convocatoria abierta" in {str(hit.body) for hit, _t, _s in results.hits}


def test_dataset_has_counts_and_never_card_authors(boards):
    rows = list(public._board_rows())
    assert [row.pk for row in rows] == [boards["open_call"].pk, boards["of_front"].pk]
    values = {f.name: f.value(rows[0]) for f in public.BOARD_FIELDS}
    assert (values["card_count"], values["vote_count"], values["group_count"]) == (2, 2, 1)
    assert values["phase"] == "votar" and values["front_id"] is None
    opendata_export()
    text = default_storage.open(f"{FOLDER}/boards.csv").read().decode()
    assert "¿Quién riega" not in text and boards["author"].public_name not in text and "En la ronda" not in text


def test_dashboard_counts_boards_ideas_and_dots(boards):
    sections = {source.kind: counts for source, counts in dashboard().sections}
    counts = sections["boards"]
    assert counts.total == 2
    assert counts.by_status == {"Votar": 1, "Ideas": 1}
    assert counts.by_upz == {"57": 1}  # the front's board; the open call belongs to no UPZ
    assert list(counts.extra.values()) == [2, 2]  # ideas and dots on public boards
    filtered = {s.kind: c for s, c in dashboard(upz_id=Upz.objects.get(code="57").pk).sections}["boards"]
    assert filtered.total == 1 and list(filtered.extra.values()) == [0, 0]
