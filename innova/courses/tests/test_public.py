"""Courses in the open data, the site search and the dashboard: completions are counted, never who."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from innova.courses import services
from innova.courses.models import Session
from innova.opendata import registry
from innova.opendata.selectors import dashboard, search_everything
from innova.opendata.services import dataset_records
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(make_course, make_user, make_event):
    """A course on trees, with one session at an agenda event, completed by one person of UPZ 57 out of two."""
    instructor = make_user("facilitator")
    course = make_course(
        title="Cuidado de árboles urbanos", sessions=2, instructor=instructor, requires_final_activity=False
    )
    first = course.sessions.first()
    first.event = make_event(organiser=instructor)
    first.save()
    graduate = make_user("citizen", display_name="Graduada Pública", upz=Upz.objects.get(code="57"))
    enrollment = services.course_enroll(user=graduate, course=course)
    for session in course.sessions.all():
        services.attendance_set(actor=instructor, session=session, enrollment=enrollment, present=True)
    services.course_enroll(user=make_user("citizen"), course=course)
    return course


def _courses(course):
    return [row for row in dataset_records(registry.dataset("courses")) if row["id"] == course.pk]


def test_dataset_counts_sessions_enrolments_and_certificates(completed, make_course):
    hidden = make_course(title="Borrador de curso", published=False)
    (row,) = _courses(completed)
    assert row["title"] == "Cuidado de árboles urbanos" and row["url"] == completed.get_absolute_url()
    assert (row["sessions_count"], row["enrolled_count"], row["certified_count"]) == (2, 2, 1)
    assert row["modality"] == "in_person"
    assert row["first_session_at"] == Session.objects.get(course=completed, order=0).event.starts_at.isoformat()
    assert "Graduada" not in repr(row)
    assert _courses(hidden) == []


def test_revoked_certificate_is_not_counted(completed, make_user):
    certificate = completed.enrollments.get(certificate__isnull=False).certificate
    services.certificate_revoke(actor=make_user("administrator"), certificate=certificate, reason="Error")
    assert _courses(completed)[0]["certified_count"] == 0


def test_search_finds_published_courses_only(client, completed, make_course):
    make_course(title="Árboles frutales en casa", published=False)
    results = search_everything(q="arboles", kind="courses")
    assert [hit.title for hit, _t, _s in results.hits] == ["Cuidado de árboles urbanos"]
    assert search_everything(q="arboles", upz_id=Upz.objects.get(code="57").pk, kind="courses").hits == []
    page = client.get(reverse("search"), {"q": "árbol"}).content.decode()
    assert "Cuidado de <mark>árboles</mark> urbanos" in page and "frutales" not in page


def test_admin_save_refreshes_the_search(rf, completed, make_user):
    from django.contrib import admin

    from innova.courses.models import Course

    completed.title = "Huertas comunitarias"
    request = rf.post("/")
    request.user = make_user("administrator")
    admin.site._registry[Course].save_model(request, completed, form=None, change=True)
    assert [hit.title for hit, _t, _s in search_everything(q="huerta", kind="courses").hits] == ["Huertas comunitarias"]
    assert not search_everything(q="arboles", kind="courses").hits


def test_dashboard_and_monthly_report_count_courses_completed(completed):
    counts = next(c for s, c in dashboard().sections if s.kind == "courses")
    extra = {str(label): n for label, n in counts.extra.items()}
    assert counts.total == 1
    assert extra == {"Cursos completados (certificados emitidos)": 1, "Inscripciones a cursos": 2}
    upz_56 = next(c for s, c in dashboard(upz_id=Upz.objects.get(code="56").pk).sections if s.kind == "courses")
    assert {str(label): n for label, n in upz_56.extra.items()}["Cursos completados (certificados emitidos)"] == 0
    last_year = timezone.localdate() - datetime.timedelta(days=365)
    old = next(c for s, c in dashboard(start=last_year, end=last_year).sections if s.kind == "courses")
    assert old.total == 0 and set(old.extra.values()) == {0}

    from innova.opendata import report

    today = timezone.localdate()
    section = next(
        s
        for s in report.report_context(year=today.year, month=today.month)["sections"]
        if s["source"].kind == "courses"
    )
    assert 1 in section["counts"].extra.values()


def test_api_lists_published_courses_with_counts(client, completed, make_course):
    hidden = make_course(title="Borrador de curso", published=False)
    closed = make_course(title="Curso cerrado", enrollment_open=False)
    ids = [c["id"] for c in client.get("/api/v1/courses/").json()["results"]]
    assert completed.pk in ids and closed.pk in ids and hidden.pk not in ids
    open_ids = [c["id"] for c in client.get("/api/v1/courses/", {"enrollment_open": "false"}).json()["results"]]
    assert open_ids == [closed.pk]
    detail = client.get(f"/api/v1/courses/{completed.pk}/").json()
    assert (detail["sessions_count"], detail["enrolled_count"], detail["certified_count"]) == (2, 2, 1)
    assert detail["modality"] == "in_person" and "Graduada" not in str(detail) and "instructors" not in detail
    assert client.get(f"/api/v1/courses/{hidden.pk}/").status_code == 404
