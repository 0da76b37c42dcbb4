"""Work-front sessions live in the fronts app and show in the lab's one agenda; front-only events ask the front."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from innova.agenda import services as agenda
from innova.fronts import services as fronts


@pytest.fixture
def front_with_session(make_user, make_problem):
    coordinator = make_user("facilitator")
    front = fronts.front_create(
        creator=coordinator, name="Frente de movilidad", theme=make_problem().theme, description="x", join_policy="open"
    )
    starts = timezone.now() + datetime.timedelta(days=3)
    session = fronts.session_create(
        actor=coordinator,
        front=front,
        title="Recorrido por la vía a Usme",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Auditorio Alcaldía Local de Usme",
    )
    return front, session


def test_front_sessions_appear_in_the_agenda_list_and_feed(client, front_with_session):
    html = client.get(reverse("agenda:index")).content.decode()
    assert "Recorrido por la vía a Usme" in html
    feed = client.get(reverse("agenda:feed")).content.decode()
    assert "Recorrido por la v" in feed


def test_front_members_only_events_admit_members_and_refuse_others(make_user, make_event, front_with_session):
    front, _session = front_with_session
    member, outsider = make_user("citizen"), make_user("citizen")
    fronts.front_join(user=member, front=front)
    event = make_event(title="Taller solo para el frente", audience="front_members", front_id=front.pk)
    assert agenda.registration_create(event=event, user=member).status == "registered"
    with pytest.raises(PermissionDenied):
        agenda.registration_create(event=event, user=outsider)
