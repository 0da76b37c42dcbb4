"""Events in the open data, the API, the site search and the dashboard: counts of people, never who."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from innova.agenda import services
from innova.opendata import registry
from innova.opendata.selectors import dashboard, search_everything
from innova.opendata.services import dataset_records
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_event(make_event, make_user):
    """Two seats, two people registered, one waiting, one checked in plus a walk-in."""
    organiser = make_user("facilitator")
    event = make_event(organiser=organiser, title="Siembra de árboles en Chuniza", capacity=2)
    first = services.registration_create(event=event, name="Invitada Uno", phone="3000000001", consent=True)
    services.registration_create(event=event, name="Invitada Dos", phone="3000000002", consent=True)
    services.registration_create(event=event, name="Invitada Tres", phone="3000000003", consent=True)
    services.registration_check_in(actor=organiser, event=event, code=first.code)
    services.registration_walk_in(actor=organiser, event=event, name="Vecino Sin Inscripción")
    return event


def _events(**filters):
    return [row for row in dataset_records(registry.dataset("events")) if all(row[k] == v for k, v in filters.items())]


def test_dataset_has_counts_and_nobody(busy_event):
    (row,) = _events(id=busy_event.pk)
    assert row["title"] == "Siembra de árboles en Chuniza"
    assert row["upz_code"] == "57" and row["online"] is False and row["capacity"] == 2
    assert (row["registered_count"], row["waitlisted_count"], row["attended_count"]) == (2, 1, 2)
    text = repr(row)
    for personal in ("Invitada", "Vecino Sin", "3000000001", busy_event.organiser.email):
        assert personal not in text


def test_search_finds_events_without_accents_and_follows_edits(client, busy_event):
    results = search_everything(q="arboles", kind="events")
    assert [hit.title for hit, _t, _s in results.hits] == ["Siembra de árboles en Chuniza"]
    assert ("events", "Eventos", 1) in [(k, str(label), n) for k, label, n in results.by_kind]
    assert "<mark>árboles</mark>" in str(results.hits[0][1])
    services.event_update(
        actor=busy_event.organiser,
        event=busy_event,
        **{f: getattr(busy_event, f) for f in services.EVENT_FIELDS} | {"title": "Recorrido por las quebradas"},
    )
    assert not search_everything(q="arboles", kind="events").hits
    assert search_everything(q="quebrada", kind="events").hits
    page = client.get(reverse("search"), {"q": "quebradas", "tipo": "events"})
    assert "Recorrido por las <mark>quebradas</mark>" in page.content.decode()


def test_search_filters_events_by_upz(make_event):
    make_event(title="Taller de huertas", upz=Upz.objects.get(code="56"))
    assert search_everything(q="huerta", upz_id=Upz.objects.get(code="56").pk).total == 1
    assert search_everything(q="huerta", upz_id=Upz.objects.get(code="57").pk).total == 0


def test_api_lists_filters_and_shows_counts(client, busy_event, make_event):
    past_start = timezone.now() - datetime.timedelta(days=30)
    past = make_event(
        title="Asamblea pasada", starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=2), upz=None
    )
    body = client.get("/api/v1/events/").json()
    assert [e["id"] for e in body["results"]] == [past.pk, busy_event.pk]
    upcoming = client.get("/api/v1/events/", {"when": "upcoming"}).json()["results"]
    assert [e["id"] for e in upcoming] == [busy_event.pk]
    assert [e["id"] for e in client.get("/api/v1/events/", {"when": "past"}).json()["results"]] == [past.pk]
    assert [e["id"] for e in client.get("/api/v1/events/", {"upz": "57"}).json()["results"]] == [busy_event.pk]
    after = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert [e["id"] for e in client.get("/api/v1/events/", {"starts_after": after}).json()["results"]] == [
        busy_event.pk
    ]
    detail = client.get(f"/api/v1/events/{busy_event.pk}/").json()
    assert detail["upz"] == {"code": "57", "name": busy_event.upz.name}
    assert (detail["registered_count"], detail["waitlisted_count"], detail["attended_count"]) == (2, 1, 2)
    assert detail["url"].endswith(busy_event.get_absolute_url())
    assert "Invitada" not in str(detail) and "organiser" not in detail
    assert client.post("/api/v1/events/", {}).status_code in (401, 403, 405)


def test_dashboard_and_monthly_report_show_events_and_attendance(busy_event, make_event):
    make_event(title="En otra UPZ", upz=Upz.objects.get(code="56"))
    counts = next(c for s, c in dashboard().sections if s.kind == "events")
    assert counts.total == 2 and counts.by_upz == {"56": 1, "57": 1}
    extra = {str(label): n for label, n in counts.extra.items()}
    assert extra == {"Personas inscritas en estos eventos": 2, "Personas que asistieron a estos eventos": 2}
    only_57 = next(c for s, c in dashboard(upz_id=busy_event.upz_id).sections if s.kind == "events")
    assert only_57.total == 1
    day = timezone.localtime(busy_event.starts_at).date()
    assert next(c for s, c in dashboard(start=day, end=day).sections if s.kind == "events").total == 2
    later = day + datetime.timedelta(days=1)
    assert next(c for s, c in dashboard(start=later).sections if s.kind == "events").total == 0


def test_report_lists_events_and_attendance(busy_event):
    from innova.opendata import report

    when = timezone.localtime(busy_event.starts_at)
    context = report.report_context(year=when.year, month=when.month)
    section = next(s for s in context["sections"] if s["source"].kind == "events")
    assert section["counts"].total >= 1
    assert 2 in section["counts"].extra.values()
