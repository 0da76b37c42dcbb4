import datetime
import io
import zoneinfo

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from innova.agenda import services, sources
from innova.agenda.models import Registration
from innova.agenda.sources import AgendaItem
from innova.agenda.tasks import agenda_reminders_send
from innova.notifications.models import Notification

pytestmark = pytest.mark.django_db
BOGOTA = zoneinfo.ZoneInfo("America/Bogota")


def test_check_in_by_code_and_twice_refused(client, make_event, make_user, citizen):
    organiser = make_user("facilitator")
    event = make_event(organiser=organiser)
    registration = services.registration_create(event=event, user=citizen)
    client.force_login(organiser)
    url = reverse("agenda:checkin", args=[event.pk])
    response = client.post(url, {"action": "code", "code": registration.code.lower()}, follow=True)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None and registration.checked_in_by == organiser
    with pytest.raises(ValidationError, match="already checked in|ya registró su llegada"):
        services.registration_check_in(actor=organiser, event=event, code=registration.code)
    response = client.post(url, {"action": "code", "code": registration.code}, follow=True)
    assert "ya registró su llegada" in response.content.decode()
    assert response.status_code == 200


def test_check_in_refuses_unknown_codes_waitlisted_and_other_events(make_event, make_user):
    organiser = make_user("facilitator")
    event = make_event(organiser=organiser, capacity=1)
    other = make_event(organiser=organiser)
    services.registration_create(event=event, user=make_user("citizen"))
    waiting = services.registration_create(event=event, user=make_user("citizen"))
    elsewhere = services.registration_create(event=other, user=make_user("citizen"))
    for code in ("NOPE", waiting.code, elsewhere.code):
        with pytest.raises(ValidationError):
            services.registration_check_in(actor=organiser, event=event, code=code)


def test_check_in_is_for_organisers_and_staff_only(make_event, make_user):
    event = make_event(organiser=make_user("facilitator"))
    registration = services.registration_create(event=event, user=make_user("citizen"))
    for intruder in (make_user("citizen"), make_user("official"), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.registration_check_in(actor=intruder, event=event, code=registration.code)
    assert services.registration_check_in(actor=make_user("administrator"), event=event, code=registration.code)


def test_search_by_name_walk_in_and_exports(client, make_event, make_user):
    organiser = make_user("facilitator")
    event = make_event(organiser=organiser, questions=["¿Necesita intérprete de lengua de señas?"])
    services.registration_create(
        event=event,
        name="Marleny Rodríguez",
        phone="3001112233",
        consent=True,
        answers={str(event.questions.get().pk): "Sí"},
    )
    services.registration_create(event=event, user=make_user("citizen", display_name="Andrés Castro"))
    client.force_login(organiser)
    url = reverse("agenda:checkin", args=[event.pk])
    html = client.get(url, {"q": "marleny"}).content.decode()
    assert "Marleny Rodríguez" in html and "Andrés Castro" not in html
    client.post(url, {"action": "walk_in", "name": "Don Julio", "phone": "3110000000"})
    walk_in = Registration.objects.get(name="Don Julio")
    assert walk_in.walk_in and walk_in.checked_in_at is not None
    event.refresh_from_db()
    assert event.registered_count == 2  # walk-ins do not take online seats

    csv_text = client.get(reverse("agenda:attendance_csv", args=[event.pk])).content.decode("utf-8-sig")
    assert "Marleny Rodríguez" in csv_text and "Don Julio" in csv_text and "intérprete" in csv_text
    xlsx = client.get(reverse("agenda:attendance_xlsx", args=[event.pk])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert set(names) == {"Marleny Rodríguez", "Andrés Castro", "Don Julio"}


def test_event_ics_parses_with_bogota_time_zone(client, make_event):
    start = datetime.datetime(2026, 12, 5, 14, 0, tzinfo=BOGOTA)
    event = make_event(title="Taller de huertas", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    response = client.get(reverse("agenda:event_ics", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Taller de huertas"
    assert vevent["dtstart"].params["TZID"] == "America/Bogota"
    assert vevent.decoded("dtstart") == start
    assert str(vevent.decoded("dtstart").tzinfo) == "America/Bogota"
    assert vevent.decoded("dtend") - vevent.decoded("dtstart") == datetime.timedelta(hours=3)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Bogota"]
    assert "Casa de la Cultura de Usme" in str(vevent["location"])


def test_feed_merges_events_and_registered_sources(client, make_event, monkeypatch):
    make_event(title="Taller de huertas")
    start = timezone.now() + datetime.timedelta(days=3)
    session = AgendaItem(
        title="Sesión del frente de movilidad",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        url="/frentes/1/sesiones/1/",
        source="fronts",
    )
    # The fronts app registers its real source; this test puts a fixed session in its place.
    monkeypatch.setitem(sources._sources, "fronts", lambda s, e: [session] if s <= start < e else [])
    calendar = icalendar.Calendar.from_ical(client.get(reverse("agenda:feed")).content)
    titles = {str(v["summary"]) for v in calendar.walk("VEVENT")}
    assert titles == {"Taller de huertas", "Sesión del frente de movilidad"}
    assert all(v["dtstart"].params["TZID"] == "America/Bogota" for v in calendar.walk("VEVENT"))
    html = client.get(reverse("agenda:index")).content.decode()
    assert "Sesión del frente de movilidad" in html and "Taller de huertas" in html
    # One listing, filtered by kind, the same for both.
    html = client.get(reverse("agenda:index"), {"kind": "front_session"}).content.decode()
    assert "Sesión del frente de movilidad" in html and "Taller de huertas" not in html


def test_list_upcoming_first_past_apart_and_month_filter(client, make_event):
    now = timezone.now()
    make_event(
        title="Dentro de dos semanas",
        starts_at=now + datetime.timedelta(days=14),
        ends_at=now + datetime.timedelta(days=14, hours=2),
    )
    make_event(
        title="Mañana", starts_at=now + datetime.timedelta(days=1), ends_at=now + datetime.timedelta(days=1, hours=2)
    )
    make_event(
        title="Lanzamiento",
        starts_at=datetime.datetime(2026, 8, 16, 14, tzinfo=BOGOTA),
        ends_at=datetime.datetime(2026, 8, 16, 17, tzinfo=BOGOTA),
        kind="public_event",
    )
    html = client.get(reverse("agenda:index")).content.decode()
    assert html.index("Mañana") < html.index("Dentro de dos semanas")
    assert "Lanzamiento" not in html
    assert "Lanzamiento" in client.get(reverse("agenda:index"), {"pasados": "1"}).content.decode()
    html = client.get(reverse("agenda:index"), {"month": "2026-08"}).content.decode()
    assert "Lanzamiento" in html and "Mañana" not in html
    response = client.get(reverse("agenda:index"), {"month": "agosto"})
    assert response.status_code == 200 and "2026-08" in response.content.decode()


def test_month_calendar_shows_the_event_on_its_day(client, make_event):
    make_event(
        title="Lanzamiento de Usme Innova",
        kind="public_event",
        starts_at=datetime.datetime(2026, 8, 16, 14, tzinfo=BOGOTA),
        ends_at=datetime.datetime(2026, 8, 16, 17, tzinfo=BOGOTA),
    )
    html = client.get(reverse("agenda:calendar"), {"mes": "2026-08"}).content.decode()
    assert "Lanzamiento de Usme Innova" in html and "<table" in html
    assert client.get(reverse("agenda:calendar"), {"mes": "2026-13"}).status_code == 200


def test_reminders_the_day_before_once(make_event, make_user, django_capture_on_commit_callbacks):
    tomorrow = timezone.localtime(timezone.now(), BOGOTA) + datetime.timedelta(days=1)
    soon = make_event(starts_at=tomorrow, ends_at=tomorrow + datetime.timedelta(hours=1))
    later = make_event()
    citizen = make_user("citizen")
    services.registration_create(event=soon, user=citizen)
    services.registration_create(event=soon, name="Invitada", email="invitada@example.org", consent=True)
    services.registration_create(event=later, user=make_user("citizen"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # notification e-mails leave after the commit
        assert agenda_reminders_send.delay().get() == 2
    assert Notification.objects.filter(recipient=citizen, kind="event_tomorrow").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([citizen.email, "invitada@example.org"])
    assert agenda_reminders_send() == 0  # never twice


def test_event_create_validates_point_and_time(client, make_user):
    facilitator = make_user("facilitator")
    client.force_login(facilitator)
    data = {
        "kind": "workshop",
        "title": "Taller",
        "description": "Descripción",
        "starts_at": "2026-12-10T14:00",
        "ends_at": "2026-12-10T12:00",
        "place_name": "Salón comunal",
        "capacity": "10",
        "audience": "open",
        "latitude": "4.71",
        "longitude": "-74.07",
    }
    response = client.post(reverse("agenda:create"), data)
    assert response.status_code == 200 and "Taller" in response.content.decode()
    data.update(ends_at="2026-12-10T16:00")
    response = client.post(reverse("agenda:create"), data)
    assert "fuera de Usme" in response.content.decode()
    data.update(latitude="4.522", longitude="-74.118", questions="¿Necesita intérprete de lengua de señas?")
    response = client.post(reverse("agenda:create"), data)
    assert response.status_code == 302
    from innova.agenda.models import Event

    event = Event.objects.get()
    assert event.upz is not None and event.questions.count() == 1
    assert timezone.localtime(event.starts_at, BOGOTA).hour == 14


@pytest.mark.parametrize(
    ("role", "may_add", "may_manage_other"),
    [
        ("anonymous", False, False),
        ("citizen", False, False),
        ("unverified_official", False, False),
        ("official", False, False),
        ("facilitator", True, True),
        ("administrator", True, True),
    ],
)
def test_rules_matrix(request, make_event, make_user, role, may_add, may_manage_other):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    event = make_event(organiser=make_user("facilitator"))
    assert user.has_perm("agenda.add_event") is may_add
    assert user.has_perm("agenda.manage_event", event) is may_manage_other
    assert user.has_perm("agenda.register_event", event) is True


def test_list_and_calendar_queries_do_not_grow_with_events(client, make_event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_event()
    few = (count(reverse("agenda:index")), count(reverse("agenda:calendar")), count(reverse("courses:index")))
    for n in range(10):
        make_event(title=f"Taller {n}")
    many = (count(reverse("agenda:index")), count(reverse("agenda:calendar")), count(reverse("courses:index")))
    assert few == many
    assert many[0] <= 3
