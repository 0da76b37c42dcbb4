"""Debates in the open data, the API and the site search: visible debates only, counts only, never who argued."""

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from innova.comments import services as comments_services
from innova.debates import public, services
from innova.debates.models import ArgumentSide, Debate
from innova.debates.testing import make_debate
from innova.opendata.selectors import search_everything
from innova.opendata.services import FOLDER, opendata_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def debated(citizen, make_user, facilitator):
    debate = make_debate(author=facilitator, title="¿Sembramos árboles en la quebrada Yomasa?", context="Ronda.")
    services.argument_add(author=citizen, debate=debate, side=ArgumentSide.FOR, body="Dan sombra")
    services.argument_add(author=make_user("citizen"), debate=debate, side=ArgumentSide.FOR, body="Agua limpia")
    hidden = services.argument_add(author=citizen, debate=debate, side=ArgumentSide.AGAINST, body="Spam")
    hidden.hidden_at = timezone.now()
    hidden.save(update_fields=["hidden_at"])
    comments_services.comment_add(author=citizen, target=debate, body="Yo ayudo a sembrar")
    spam = comments_services.comment_add(author=citizen, target=debate, body="Compre ya")
    comments_services.moderation_set_hidden(actor=facilitator, target=spam, hidden=True, reason="Spam")
    return debate


def _hidden_debate(facilitator):
    debate = make_debate(author=facilitator, title="¿Talamos árboles del parque?")
    comments_services.moderation_set_hidden(actor=facilitator, target=debate, hidden=True, reason="Duplicado")
    return debate


def test_searching_without_accents_finds_the_debate_and_never_a_hidden_one(debated, facilitator):
    _hidden_debate(facilitator)
    results = search_everything(q="arboles", kind="debates")
    assert [hit.title for hit, _title, _snippet in results.hits] == [debated.title]
    assert ("debates", "Debates", 1) in [(k, str(label), n) for k, label, n in results.by_kind]
    assert "<mark>árboles</mark>" in results.hits[0][1]


def test_the_conclusion_becomes_searchable_when_the_debate_closes(debated, facilitator):
    assert search_everything(q="vivero", kind="debates").total == 0
    services.debate_close(actor=facilitator, debate=debated, conclusion="Haremos un vivero comunitario.")
    results = search_everything(q="viveros", kind="debates")
    assert results.total == 1 and results.hits[0][0].status == "Cerrado"


def test_a_search_narrowed_to_a_upz_finds_no_debate(debated):
    from innova.territory.models import Upz

    assert search_everything(q="arboles", kind="debates", upz_id=Upz.objects.get(code="57").pk).total == 0


def test_admin_corrections_refresh_the_search_columns(debated):
    Debate.objects.filter(pk=debated.pk).update(title="¿Recuperamos el humedal?")
    debated.refresh_from_db()
    services.debate_search_update(debate=debated)
    assert search_everything(q="humedales", kind="debates").total == 1


def test_dataset_counts_visible_arguments_and_comments_only(debated, facilitator):
    _hidden_debate(facilitator)
    rows = list(public._debate_rows())
    assert [row.pk for row in rows] == [debated.pk]
    values = {f.name: f.value(rows[0]) for f in public.DEBATE_FIELDS}
    assert values["question"] == debated.title and values["status"] == "open"
    assert (values["arguments_for"], values["arguments_against"], values["comment_count"]) == (2, 0, 1)
    assert values["closed_at"] is None and values["url"] == debated.get_absolute_url()
    opendata_export()
    text = default_storage.open(f"{FOLDER}/debates.csv").read().decode()
    assert debated.title in text and facilitator.public_name not in text and facilitator.email not in text


def test_api_lists_and_filters_debates_without_authors(api, debated, facilitator, citizen):
    _hidden_debate(facilitator)
    closed = make_debate(author=facilitator, title="¿Cerramos la vía?")
    services.debate_close(actor=facilitator, debate=closed, conclusion="No.")
    body = api.get("/api/v1/debates/").json()
    assert [d["id"] for d in body["results"]] == [closed.pk, debated.pk]
    assert "created_by" not in body["results"][0] and "author" not in body["results"][0]
    only_open = api.get("/api/v1/debates/", {"status": "open"}).json()["results"]
    assert [d["id"] for d in only_open] == [debated.pk]
    assert only_open[0]["arguments_for"] == 2 and only_open[0]["comment_count"] == 1
    detail = api.get(f"/api/v1/debates/{debated.pk}/").json()
    assert sorted(a["body"] for a in detail["arguments"]) == ["Agua limpia", "Dan sombra"]
    assert all(set(a) == {"id", "side", "body", "support_count", "created_at"} for a in detail["arguments"])
    assert citizen.public_name not in str(detail)


def test_api_hides_hidden_debates_and_takes_no_writes(api, debated, facilitator, citizen):
    hidden = _hidden_debate(facilitator)
    assert api.get(f"/api/v1/debates/{hidden.pk}/").status_code == 404
    api.force_authenticate(citizen)
    assert api.post("/api/v1/debates/", {"question": "¿Y si…?"}).status_code == 405


def test_search_page_shows_debates_next_to_problems(client, debated, make_problem):
    from django.urls import reverse

    make_problem(title="Poda de árboles caídos")
    html = client.get(reverse("search"), {"q": "arboles"}).content.decode()
    assert "Poda de <mark>árboles</mark> caídos" in html and debated.get_absolute_url() in html
    assert "Debates" in html
