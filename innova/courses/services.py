from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.participation import search_fields
from innova.core.permissions import require_perm
from innova.core.services import audit_record

from .models import Attendance, Certificate, Course, Enrollment, Session
from .selectors import enrollment_progress


def course_search_update(*, course: Course) -> None:
    """Refresh the search columns; courses are written in the admin, whose save calls this."""
    Course.objects.filter(pk=course.pk).update(**search_fields(course.title, course.summary, course.description))


def course_enroll(*, user, course: Course) -> Enrollment:
    """Enroll in a course: prerequisites must be certified, and the course row is locked while seats are counted."""
    require_perm(user, "courses.enroll_course", course)
    missing = [
        prerequisite.title
        for prerequisite in course.prerequisites.all()
        if not Certificate.objects.filter(
            enrollment__user=user, enrollment__course=prerequisite, revoked_at__isnull=True
        ).exists()
    ]
    if missing:
        raise ValidationError(_("First complete: %(courses)s.") % {"courses": ", ".join(missing)})
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        existing = Enrollment.objects.filter(course=locked, user=user).first()
        if existing is not None:
            return existing
        if locked.capacity and locked.enrolled_count >= locked.capacity:
            raise ValidationError(_("The course is full."))
        enrollment = Enrollment.objects.create(course=locked, user=user)
        Course.objects.filter(pk=locked.pk).update(enrolled_count=F("enrolled_count") + 1)
    return enrollment


def attendance_set(*, actor, session: Session, enrollment: Enrollment, present: bool) -> Certificate | None:
    """Mark (or unmark) that someone attended a session; completing the rule issues the certificate."""
    require_perm(actor, "courses.teach_course", session.course)
    if enrollment.course_id != session.course_id:
        raise ValidationError(_("This person is not enrolled in this course."))
    with transaction.atomic():
        if present:
            try:
                with transaction.atomic():
                    Attendance.objects.create(session=session, enrollment=enrollment, marked_by=actor)
            except IntegrityError:
                pass  # already marked
        else:
            Attendance.objects.filter(session=session, enrollment=enrollment).delete()
        return _certificate_issue_if_complete(enrollment)


def final_activity_set(*, actor, enrollment: Enrollment, done: bool) -> Certificate | None:
    require_perm(actor, "courses.teach_course", enrollment.course)
    with transaction.atomic():
        Enrollment.objects.filter(pk=enrollment.pk).update(final_activity_done_at=timezone.now() if done else None)
        enrollment.refresh_from_db()
        return _certificate_issue_if_complete(enrollment)


def _certificate_issue_if_complete(enrollment: Enrollment) -> Certificate | None:
    if not enrollment_progress(enrollment).complete:
        return Certificate.objects.filter(enrollment=enrollment).first()
    return certificate_issue(enrollment=enrollment)


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment) -> Certificate:
    """The certificate of a completed course; refused while the completion rule is not met. Idempotent."""
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    if not enrollment_progress(enrollment).complete:
        raise ValidationError(_("The course is not complete yet: attendance or the final activity is missing."))
    course, user = enrollment.course, enrollment.user
    holder = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return Certificate.objects.create(
        enrollment=enrollment,
        holder_name=(holder or user.public_name)[:160],
        course_title=course.title,
        hours=course.hours,
    )


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    require_perm(actor, "courses.revoke_certificate", certificate)
    if not reason.strip():
        raise ValidationError(_("Write why the certificate is revoked; the verification page shows it."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()[:300]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(actor=actor, action="courses.certificate_revoked", target=certificate, reason=reason)
    return certificate


def enrollment_erase(user) -> None:
    """Account deletion: enrollments, attendance and certificates go (a deleted certificate no longer verifies)."""
    for enrollment in Enrollment.objects.filter(user=user):
        Course.objects.filter(pk=enrollment.course_id).update(enrolled_count=F("enrolled_count") - 1)
        enrollment.delete()
