import io

import pytest

from innova.accounts import demo as accounts_demo
from innova.agenda import demo as agenda_demo
from innova.agenda.models import Event
from innova.courses import demo as courses_demo
from innova.courses.models import Certificate, Course

pytestmark = pytest.mark.django_db


def test_demo_agenda_and_course_load_once(client):
    out = io.StringIO()
    accounts_demo.load(out)
    for _ in range(2):
        agenda_demo.load(out)
        courses_demo.load(out)
    launch = Event.objects.get(title=agenda_demo.LAUNCH_TITLE)
    assert launch.starts_at.isoformat() == "2026-08-16T19:00:00+00:00"  # 2:00 p.m. in Bogotá
    assert launch.registrations.filter(checked_in_at__isnull=False).count() > 0
    assert Event.objects.count() == 4 and Course.objects.count() == 2 and Certificate.objects.count() == 1
    course = Course.objects.get(slug=courses_demo.SLUG)
    assert course.sessions.filter(event__isnull=False).count() == 2
    assert "Auditorio de la Alcaldía Local de Usme" in client.get(launch.get_absolute_url()).content.decode()
    assert course.title in client.get("/cursos/").content.decode()
    second = Course.objects.get(slug=courses_demo.SECOND["slug"])
    assert second.published and second.sessions.count() == 3 and second.title in client.get("/cursos/").content.decode()
