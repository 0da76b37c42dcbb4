"""Proposals in the open data, the public API, the site search and the dashboard: only what the web shows."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from innova.comments.services import moderation_set_hidden
from innova.opendata.selectors import dashboard, search_everything
from innova.opendata.services import FOLDER, dataset_records, opendata_export
from innova.proposals import services
from innova.proposals.models import Proposal, Status
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db

LIST = "/api/v1/proposals/"


@pytest.fixture
def world(make_proposal, make_problem, make_user, facilitator):
    author = make_user("citizen", display_name="Rosa Pérez", email="rosa@correo.example")
    coauthor = make_user("citizen", display_name="Jairo Coautor", email="jairo@correo.example")
    problem = make_problem(title="Árboles caídos en el parque")
    hidden_problem = make_problem(title="Problema oculto")
    upz56, upz57 = Upz.objects.get(code="56"), Upz.objects.get(code="57")
    trees = make_proposal(
        title="Sembrar árboles nativos en la ronda del río",
        summary="Una siembra con los colegios.",
        author=author,
        beneficiary_upzs=[upz57, upz56],
        problems=[problem, hidden_problem],
        estimated_cost=12_000_000,
        origin="problem",
    )
    trees.coauthors.add(coauthor)
    moderation_set_hidden(actor=facilitator, target=hidden_problem, hidden=True, reason="Duplicado.")
    services.proposal_change_status(
        actor=facilitator, proposal=trees, to_status=Status.IN_STUDY, reason="La estudia la alcaldía."
    )
    lights = make_proposal(title="Luminarias solares", author=author, beneficiary_upzs=[upz57])
    draft = make_proposal(title="Borrador de árboles", author=author, publish=False)
    hidden = make_proposal(title="Árboles ocultos por moderación", author=author)
    supporter = make_user("citizen")
    services.proposal_support_set(user=supporter, proposal=trees, supported=True)
    services.proposal_support_set(user=make_user("citizen"), proposal=trees, supported=True)
    services.proposal_support_set(user=supporter, proposal=hidden, supported=True)
    moderation_set_hidden(actor=facilitator, target=hidden, hidden=True, reason="Ofensiva.")
    return {"trees": trees, "lights": lights, "draft": draft, "hidden": hidden, "problem": problem}


def _records(name):
    from innova.opendata import registry

    return list(dataset_records(registry.dataset(name)))


def test_proposals_dataset_has_public_rows_only_and_no_authors(world, facilitator):
    rows = {row["id"]: row for row in _records("proposals")}
    assert set(rows) == {world["trees"].pk, world["lights"].pk}  # never the draft nor the hidden one
    trees = rows[world["trees"].pk]
    assert trees["beneficiary_upz_codes"] == "56 57"
    assert trees["problem_ids"] == str(world["problem"].pk)  # the hidden problem is left out
    assert trees["status"] == "in_study" and trees["origin"] == "problem"
    assert trees["estimated_cost"] == 12_000_000 and trees["support_count"] == 2
    assert rows[world["lights"].pk]["problem_ids"] is None
    opendata_export()
    for name in ("proposals", "proposal_status_changes", "proposal_supports"):
        for ext in ("csv", "json"):
            text = default_storage.open(f"{FOLDER}/{name}.{ext}").read().decode()
            assert "Rosa" not in text and "rosa@" not in text and "Jairo" not in text
            assert facilitator.public_name not in text


def test_status_history_shows_the_position_never_the_person(world, facilitator):
    rows = [r for r in _records("proposal_status_changes") if r["proposal_id"] == world["trees"].pk]
    assert [(r["from_status"], r["to_status"]) for r in rows] == [("draft", "published"), ("published", "in_study")]
    published, in_study = rows
    assert published["decided_by_role"] is None  # the authors' own step shows nobody
    assert in_study["reason"] == "La estudia la alcaldía."
    assert in_study["decided_by_role"] == facilitator.role_label and facilitator.public_name not in str(in_study)
    assert {r["proposal_id"] for r in _records("proposal_status_changes")} == {world["trees"].pk, world["lights"].pk}


def test_supports_are_counted_per_proposal_and_month(world):
    month = timezone.localdate().strftime("%Y-%m")  # months are Bogotá months, as in the dataset
    assert _records("proposal_supports") == [{"proposal_id": world["trees"].pk, "month": month, "supports": 2}]


@pytest.mark.parametrize("query", ["arboles", "ÁRBOL", "siembra"])
def test_search_finds_proposals_by_spanish_words(world, query):
    results = search_everything(q=query, kind="proposals")
    titles = [hit.title for hit, _title, _snippet in results.hits]
    assert titles == ["Sembrar árboles nativos en la ronda del río"]  # never the draft nor the hidden one
    hit = results.hits[0][0]
    assert hit.kind == "proposals" and hit.status == "En estudio"
    assert hit.upz_id == Upz.objects.get(code="56").pk and hit.url == world["trees"].get_absolute_url()
    assert ("proposals", "Propuestas", 1) in [(k, str(label), n) for k, label, n in results.by_kind]


def test_search_facet_and_filter_use_the_first_beneficiary_upz(world):
    upz56, upz57 = Upz.objects.get(code="56"), Upz.objects.get(code="57")
    assert search_everything(q="arboles", kind="proposals", upz_id=upz56.pk).hits
    assert not search_everything(q="arboles", kind="proposals", upz_id=upz57.pk).hits
    results = search_everything(q="ronda", kind="proposals")  # benefits 56 and 57; counted once, in 56
    assert [(pk, n) for pk, _name, n in results.by_upz] == [(upz56.pk, 1)]


def test_api_lists_filters_and_hides_authors(api, world):
    response = api.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert [p["title"] for p in body["results"]] == [world["trees"].title, "Luminarias solares"]
    text = response.content.decode()
    assert "Rosa" not in text and "rosa@" not in text and "Jairo" not in text and "author" not in text
    assert [p["title"] for p in api.get(LIST, {"upz": "56"}).json()["results"]] == [world["trees"].title]
    assert api.get(LIST, {"upz": "57"}).json()["count"] == 2
    assert [p["title"] for p in api.get(LIST, {"status": "published"}).json()["results"]] == ["Luminarias solares"]
    assert [p["title"] for p in api.get(LIST, {"q": "arboles"}).json()["results"]] == [world["trees"].title]
    assert api.get(LIST, {"status": "draft"}).status_code == 400
    newest = api.get(LIST, {"ordering": "-published_at"}).json()["results"]
    assert [p["title"] for p in newest][0] == "Luminarias solares"


def test_api_detail_has_history_and_drafts_or_hidden_do_not_exist(api, world, facilitator):
    body = api.get(f"{LIST}{world['trees'].pk}/").json()
    assert [step["to_status"] for step in body["history"]] == ["published", "in_study"]
    assert body["history"][1]["decided_by_role"] == facilitator.role_label
    assert [u["code"] for u in body["beneficiary_upzs"]] == ["56", "57"]
    assert body["problem_ids"] == [world["problem"].pk]
    for key in ("draft", "hidden"):
        assert api.get(f"{LIST}{world[key].pk}/").status_code == 404
        assert api.post(f"{LIST}{world[key].pk}/support/", {"supported": True}, format="json").status_code in (
            401,
            404,
        )


def test_api_support_goes_through_the_same_service(api, world, citizen, make_user):
    url = f"{LIST}{world['lights'].pk}/support/"
    assert api.post(url, {"supported": True}, format="json").status_code == 401
    api.force_authenticate(citizen)
    response = api.post(url, {"supported": True}, format="json")
    assert response.status_code == 200 and response.json() == {"supported": True, "support_count": 1}
    assert api.post(url, {"supported": True}, format="json").json()["support_count"] == 1  # once per person
    assert api.post(url, {"supported": False}, format="json").json() == {"supported": False, "support_count": 0}
    assert api.post(f"{LIST}{world['hidden'].pk}/support/", {"supported": True}, format="json").status_code == 404
    inactive = make_user("citizen")
    inactive.is_active = False
    inactive.save()
    api.force_authenticate(inactive)
    assert api.post(url, {"supported": True}, format="json").status_code == 403


def _proposals(board):
    return next(counts for source, counts in board.sections if source.kind == "proposals")


def test_dashboard_counts_proposals_and_their_answer_times(world, facilitator, settings):
    now = timezone.now()
    trees = world["trees"]
    Proposal.objects.filter(pk=trees.pk).update(
        published_at=now - datetime.timedelta(days=8), answer_due_at=now + datetime.timedelta(days=5)
    )
    services.proposal_change_status(actor=facilitator, proposal=trees, to_status=Status.VIABLE, reason="Es viable.")
    Proposal.objects.filter(pk=world["lights"].pk).update(answer_due_at=now - datetime.timedelta(days=1))
    board = dashboard()
    counts = _proposals(board)
    assert counts.total == 2
    assert counts.by_status == {str(Status.PUBLISHED.label): 1, str(Status.VIABLE.label): 1}
    assert counts.by_upz == {"56": 1, "57": 2}
    assert sum(counts.by_month.values()) == 2
    assert counts.answer_days == [pytest.approx(8, abs=0.1)]
    assert (counts.answered_in_time, counts.answers_due) == (1, 2)
    assert list(counts.extra.values()) == [2, 1, 1]  # supports, answered, overdue
    only56 = _proposals(dashboard(upz_id=Upz.objects.get(code="56").pk))
    assert only56.total == 1 and only56.by_upz == {"56": 1}
    assert _proposals(dashboard(start=timezone.localdate() + datetime.timedelta(days=30))).total == 0
