import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.core.testing import run_concurrently
from innova.courses import selectors, services
from innova.courses.models import Certificate, Enrollment

pytestmark = pytest.mark.django_db


def _attend(course, enrollment, n, actor):
    for session in list(course.sessions.all())[:n]:
        services.attendance_set(actor=actor, session=session, enrollment=enrollment, present=True)


def test_enroll_happy_path_and_idempotent(client, citizen, make_course):
    course = make_course()
    client.force_login(citizen)
    client.post(reverse("courses:enroll", args=[course.slug]))
    client.post(reverse("courses:enroll", args=[course.slug]))
    assert Enrollment.objects.filter(course=course, user=citizen).count() == 1
    course.refresh_from_db()
    assert course.enrolled_count == 1
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Asistencia: 0 de 5 sesiones" in html


def test_anonymous_is_sent_to_log_in(client, make_course):
    course = make_course()
    response = client.post(reverse("courses:enroll", args=[course.slug]))
    assert response.url.startswith(reverse("account_login"))


def test_enrollment_refused_when_closed_full_or_prerequisite_missing(make_course, make_user):
    closed = make_course(enrollment_open=False)
    with pytest.raises(PermissionDenied):
        services.course_enroll(user=make_user("citizen"), course=closed)
    full = make_course(capacity=1)
    services.course_enroll(user=make_user("citizen"), course=full)
    with pytest.raises(ValidationError, match="full|lleno"):
        services.course_enroll(user=make_user("citizen"), course=full)
    basics = make_course(title="Fundamentos", sessions=1, requires_final_activity=False)
    advanced = make_course(title="Avanzado")
    advanced.prerequisites.add(basics)
    learner, facilitator = make_user("citizen"), make_user("facilitator")
    with pytest.raises(ValidationError, match="Fundamentos"):
        services.course_enroll(user=learner, course=advanced)
    _attend(basics, services.course_enroll(user=learner, course=basics), 1, facilitator)
    assert services.course_enroll(user=learner, course=advanced).course == advanced


def test_certificate_only_when_the_rule_is_met(make_course, make_user):
    instructor = make_user("citizen")
    course = make_course(sessions=5, instructor=instructor, attendance_threshold=80)
    enrollment = services.course_enroll(user=make_user("citizen"), course=course)
    _attend(course, enrollment, 3, instructor)  # 60 %
    assert services.final_activity_set(actor=instructor, enrollment=enrollment, done=True) is None
    with pytest.raises(ValidationError):
        services.certificate_issue(enrollment=enrollment)
    services.final_activity_set(actor=instructor, enrollment=enrollment, done=False)
    _attend(course, enrollment, 4, instructor)  # 80 % but no final activity
    assert not Certificate.objects.exists()
    assert selectors.enrollment_progress(enrollment).percent == 80
    certificate = services.final_activity_set(actor=instructor, enrollment=enrollment, done=True)
    assert certificate is not None and certificate.hours == 12
    assert certificate.course_title == course.title
    assert services.certificate_issue(enrollment=enrollment) == certificate  # once


def test_only_instructors_and_staff_take_attendance(make_course, make_user):
    course = make_course()
    enrollment = services.course_enroll(user=make_user("citizen"), course=course)
    session = course.sessions.first()
    for intruder in (enrollment.user, make_user("official"), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.attendance_set(actor=intruder, session=session, enrollment=enrollment, present=True)
    services.attendance_set(actor=make_user("facilitator"), session=session, enrollment=enrollment, present=True)
    services.attendance_set(actor=course.instructors.get(), session=session, enrollment=enrollment, present=True)
    assert enrollment.attendances.count() == 1


def test_attendance_grid_issues_certificates(client, make_course, make_user):
    facilitator = make_user("facilitator")
    course = make_course(sessions=2, requires_final_activity=False)
    done = services.course_enroll(user=make_user("citizen"), course=course)
    halfway = services.course_enroll(user=make_user("citizen"), course=course)
    sessions = list(course.sessions.all())
    client.force_login(facilitator)
    data = {f"a-{done.pk}-{s.pk}": "on" for s in sessions} | {f"a-{halfway.pk}-{sessions[0].pk}": "on"}
    response = client.post(reverse("courses:manage", args=[course.slug]), data, follow=True)
    assert "Certificados emitidos: 1" in response.content.decode()
    assert Certificate.objects.filter(enrollment=done).exists()
    assert not Certificate.objects.filter(enrollment=halfway).exists()


def _certified(make_course, make_user):
    course = make_course(sessions=1, requires_final_activity=False)
    learner = make_user("citizen", first_name="Marleny", last_name="Rodríguez")
    enrollment = services.course_enroll(user=learner, course=course)
    _attend(course, enrollment, 1, make_user("facilitator"))
    return learner, enrollment.certificate


def test_verification_page_valid_invalid_revoked(client, make_course, make_user):
    _learner, certificate = _certified(make_course, make_user)
    html = client.get(reverse("certificate_verify", args=[certificate.code])).content.decode()
    assert "Certificado válido" in html and "Marleny Rodríguez" in html and "12" in html
    response = client.get(reverse("certificate_verify", args=["ABCD-EFGH-JKLM"]))
    assert response.status_code == 404 and "Inválido" in response.content.decode()
    administrator = make_user("administrator")
    with pytest.raises(ValidationError):
        services.certificate_revoke(actor=administrator, certificate=certificate, reason=" ")
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(actor=make_user("official"), certificate=certificate, reason="Error")
    client.force_login(administrator)
    client.post(reverse("courses:certificate_revoke", args=[certificate.code]), {"reason": "Asistencia mal registrada"})
    client.logout()
    html = client.get(reverse("certificate_verify", args=[certificate.code.lower()])).content.decode()
    assert "Certificado revocado" in html and "Asistencia mal registrada" in html


def test_pdf_for_holder_and_staff_only(client, make_course, make_user):
    learner, certificate = _certified(make_course, make_user)
    url = reverse("courses:certificate_download", args=[certificate.code])
    client.force_login(make_user("citizen"))
    assert client.get(url).status_code == 403
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = client.get(reverse("courses:mine")).content.decode()
    assert certificate.code in html and "Asistencia: 1 de 1 sesión (100%)" in html


def test_account_erase_removes_enrollments_but_keeps_certificates_verifiable(make_course, make_user):
    learner, certificate = _certified(make_course, make_user)
    course = certificate.enrollment.course
    assert selectors.course_personal_data(learner)["enrollments"][0]["certificate"] == certificate.code
    services.courses_erase_user(learner)
    assert not Enrollment.objects.exists()
    kept = Certificate.objects.get(code=certificate.code)
    assert kept.enrollment is None and kept.holder_name == "Marleny Rodríguez" and kept.course_title == course.title
    course.refresh_from_db()
    assert course.enrolled_count == 0


@pytest.mark.parametrize(
    ("role", "may_enroll", "may_teach", "may_revoke"),
    [
        ("anonymous", False, False, False),
        ("citizen", True, False, False),
        ("unverified_official", True, False, False),
        ("official", True, False, False),
        ("facilitator", True, True, True),
        ("administrator", True, True, True),
    ],
)
@pytest.mark.parametrize("state", ["open", "closed", "unpublished"])
def test_rules_matrix(request, make_course, role, state, may_enroll, may_teach, may_revoke):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    course = make_course(enrollment_open=state != "closed", published=state != "unpublished")
    # The state binds administrators too (they are not superusers): nobody enrolls in a closed or draft course.
    assert user.has_perm("courses.enroll_course", course) is (may_enroll and state == "open")
    assert user.has_perm("courses.teach_course", course) is may_teach
    assert user.has_perm("courses.revoke_certificate") is may_revoke


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_enrollments_never_exceed_capacity(make_user, make_course):
    course = make_course(capacity=5)
    users = [make_user("citizen") for _ in range(12)]
    errors = run_concurrently(lambda user: services.course_enroll(user=user, course=course), users)
    course.refresh_from_db()
    assert 5 == course.enrolled_count == Enrollment.objects.filter(course=course).count()
    assert len(errors) == 7 and all(isinstance(error, ValidationError) for error in errors)  # full
