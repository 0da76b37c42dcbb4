"""Facilitators create, edit, schedule and publish courses in the site; instructors keep sessions and materials."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innova.courses import services
from innova.courses.forms import MATERIAL_MAX_BYTES
from innova.courses.models import Attendance, Course, Enrollment, Material

pytestmark = pytest.mark.django_db

COURSE = {
    "title": "Datos abiertos para el barrio",
    "summary": "Aprender a leer los datos de Usme.",
    "description": "Tres sesiones prácticas con datos de la localidad.",
    "hours": 6,
    "capacity": 25,
    "attendance_threshold": 80,
    "requires_final_activity": True,
    "final_activity": "Un tablero con datos del barrio",
    "enrollment_open": True,
}


def draft(actor, **extra):
    return services.course_create(actor=actor, **{**COURSE, **extra})


def test_facilitator_drafts_schedules_and_publishes_a_course(client, facilitator, citizen):
    client.force_login(facilitator)
    response = client.post(reverse("courses:create"), {**COURSE, "requires_final_activity": "on"})
    course = Course.objects.get(title=COURSE["title"])
    assert response.status_code == 302 and response.url == reverse("courses:sessions", args=[course.slug])
    assert not course.published and course.slug == "datos-abiertos-para-el-barrio"
    # A draft is nowhere public.
    client.force_login(citizen)
    assert client.get(course.get_absolute_url()).status_code == 404
    assert COURSE["title"] not in client.get(reverse("courses:index")).content.decode()
    # Publishing needs at least one session.
    with pytest.raises(ValidationError):
        services.course_publish(actor=facilitator, course=course, published=True)
    client.force_login(facilitator)
    client.post(
        reverse("courses:sessions", args=[course.slug]),
        {"module": "Módulo 1", "title": "¿Qué es un dato abierto?", "order": 1, "starts_at": "2027-02-03T18:00"},
    )
    assert course.sessions.get().title == "¿Qué es un dato abierto?"
    client.post(reverse("courses:publish", args=[course.slug]), {"published": "1"})
    course.refresh_from_db()
    assert course.published
    client.force_login(citizen)
    html = client.get(reverse("courses:index")).content.decode()
    assert COURSE["title"] in html
    assert "¿Qué es un dato abierto?" in client.get(course.get_absolute_url()).content.decode()


def test_bad_course_data_keeps_what_was_typed(client, facilitator):
    client.force_login(facilitator)
    data = {**COURSE, "requires_final_activity": "on", "final_activity": "", "attendance_threshold": 150}
    response = client.post(reverse("courses:create"), data)
    assert response.status_code == 200 and not Course.objects.exists()
    html = response.content.decode()
    assert "Escriba un porcentaje entre 1 y 100." in html
    assert 'value="Datos abiertos para el barrio"' in html
    response = client.post(reverse("courses:create"), {**data, "attendance_threshold": 80})
    assert "Describa la actividad final" in response.content.decode()
    assert not Course.objects.exists()


def test_capacity_cannot_drop_below_the_people_enrolled(facilitator, make_user):
    course = draft(facilitator)
    for _ in range(3):
        Enrollment.objects.create(course=course, user=make_user("citizen"))
    Course.objects.filter(pk=course.pk).update(enrolled_count=3)
    course.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.course_update(actor=facilitator, course=course, capacity=2)
    assert "capacity" in error.value.error_dict


def test_session_with_attendance_is_kept(facilitator, make_user):
    course = draft(facilitator)
    session = services.session_save(actor=facilitator, course=course, module="M1", title="Uno", order=1)
    enrollment = Enrollment.objects.create(course=course, user=make_user("citizen"))
    Attendance.objects.create(session=session, enrollment=enrollment, marked_by=facilitator)
    with pytest.raises(ValidationError):
        services.session_delete(actor=facilitator, session=session)
    assert course.sessions.count() == 1


def test_materials_file_or_link_with_limits(client, facilitator):
    course = draft(facilitator)
    client.force_login(facilitator)
    url = reverse("courses:materials", args=[course.slug])
    pdf = SimpleUploadedFile("guia.pdf", b"%PDF-1.4 guia", content_type="application/pdf")
    assert client.post(url, {"title": "Guía", "file": pdf}).status_code == 302
    material = Material.objects.get()
    assert material.file.name.endswith(".pdf")
    assert material.href == reverse("courses:material_file", args=[course.slug, material.pk])
    # Neither, or both: refused with a message; a program file is refused; a huge one too.
    response = client.post(url, {"title": "Nada"})
    assert "Suba un archivo o escriba un enlace" in response.content.decode()
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url, {"title": "Programa", "file": exe})
    assert response.status_code == 200 and Material.objects.count() == 1
    big = SimpleUploadedFile("grande.pdf", b"0" * (MATERIAL_MAX_BYTES + 1), content_type="application/pdf")
    response = client.post(url, {"title": "Grande", "file": big})
    assert "el límite es" in response.content.decode() and Material.objects.count() == 1
    assert client.post(url, {"title": "Video", "url": "https://example.org/video"}).status_code == 302
    client.post(reverse("courses:material_delete", args=[course.slug, material.pk]))
    assert list(Material.objects.values_list("title", flat=True)) == ["Video"]


EDITOR_PAGES = ["courses:edit", "courses:sessions", "courses:materials"]


@pytest.mark.parametrize(
    "role,may_create,may_edit,may_publish",
    [
        ("anonymous", False, False, False),
        ("citizen", False, False, False),
        ("official", False, False, False),
        ("contractor", False, False, False),
        ("instructor", False, True, False),
        ("facilitator", True, True, True),
        ("administrator", True, True, True),
    ],
)
def test_who_may_create_edit_and_publish(client, make_user, facilitator, role, may_create, may_edit, may_publish):
    instructor = make_user("citizen", display_name="Instructora")
    course = draft(facilitator, instructors=[instructor])
    services.session_save(actor=facilitator, course=course, module="M1", title="Uno", order=1)
    user = None if role == "anonymous" else instructor if role == "instructor" else make_user(role)
    if user is not None:
        client.force_login(user)
    ok_or_refused = {True: {200}, False: {302, 403} if user is None else {403}}
    assert client.get(reverse("courses:create")).status_code in ok_or_refused[may_create]
    for name in EDITOR_PAGES:
        assert client.get(reverse(name, args=[course.slug])).status_code in ok_or_refused[may_edit], name
    client.post(reverse("courses:publish", args=[course.slug]), {"published": "1"})
    course.refresh_from_db()
    assert course.published is may_publish
    if user is not None and not may_create:
        with pytest.raises(PermissionDenied):
            services.course_create(actor=user, **COURSE)
