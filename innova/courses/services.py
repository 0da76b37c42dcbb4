from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innova.core.participation import search_fields
from innova.core.permissions import require_perm
from innova.core.services import audit_record

from .models import Attendance, Certificate, Course, Enrollment, Material, Session
from .selectors import enrollment_progress


def course_search_update(*, course: Course) -> None:
    """Refresh the search columns; courses are written in the admin, whose save calls this."""
    Course.objects.filter(pk=course.pk).update(**search_fields(course.title, course.summary, course.description))


COURSE_FIELDS = (
    "title",
    "summary",
    "description",
    "hours",
    "capacity",
    "attendance_threshold",
    "requires_final_activity",
    "final_activity",
    "enrollment_open",
)


def _course_slug(title: str) -> str:
    base = slugify(title)[:40] or "curso"
    slug, n = base, 2
    while Course.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _course_check(fields: dict) -> None:
    if fields.get("requires_final_activity") and not (fields.get("final_activity") or "").strip():
        raise ValidationError(
            {"final_activity": _("Describe the final activity, or untick “requires a final activity”.")}
        )


@transaction.atomic
def course_create(*, actor, instructors=(), prerequisites=(), **fields) -> Course:
    """A facilitator drafts a course in the site; it stays unpublished until `course_publish`."""
    require_perm(actor, "courses.add_course")
    _course_check(fields)
    course = Course.objects.create(slug=_course_slug(fields["title"]), published=False, **fields)
    course.instructors.set(instructors)
    course.prerequisites.set(prerequisites)
    course_search_update(course=course)
    audit_record(actor=actor, action="courses.course_created", target=course)
    return course


@transaction.atomic
def course_update(*, actor, course: Course, instructors=None, prerequisites=None, **fields) -> Course:
    require_perm(actor, "courses.change_course", course)
    _course_check(fields)
    if prerequisites is not None and course in prerequisites:
        raise ValidationError({"prerequisites": _("A course cannot be its own prerequisite.")})
    for name in COURSE_FIELDS:
        if name in fields:
            setattr(course, name, fields[name])
    if course.capacity and course.capacity < course.enrolled_count:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(n)s person is already enrolled: the capacity cannot be lower.",
                    "%(n)s people are already enrolled: the capacity cannot be lower.",
                    course.enrolled_count,
                )
                % {"n": course.enrolled_count}
            }
        )
    course.save()
    if instructors is not None:
        course.instructors.set(instructors)
    if prerequisites is not None:
        course.prerequisites.set(prerequisites)
    course_search_update(course=course)
    return course


@transaction.atomic
def course_publish(*, actor, course: Course, published: bool) -> Course:
    """Publishing shows the course in the list, search, open data and the API; a course needs sessions first."""
    require_perm(actor, "courses.publish_course", course)
    if published and not course.sessions.exists():
        raise ValidationError(_("Add at least one session before publishing the course."))
    Course.objects.filter(pk=course.pk).update(published=published)
    course.published = published
    audit_record(actor=actor, action="courses.published" if published else "courses.unpublished", target=course)
    return course


@transaction.atomic
def session_save(*, actor, course: Course, session: Session | None = None, **fields) -> Session:
    """Add a session to a course, or change one of its sessions."""
    require_perm(actor, "courses.change_course", course)
    if session is not None and session.course_id != course.pk:
        raise ValidationError(_("This session belongs to another course."))
    session = session or Session(course=course)
    for name in ("module", "title", "order", "starts_at"):
        if name in fields:
            setattr(session, name, fields[name])
    session.save()
    return session


@transaction.atomic
def session_delete(*, actor, session: Session) -> None:
    """Remove a session; one with attendance already marked is kept, so no certificate loses its basis."""
    require_perm(actor, "courses.change_course", session.course)
    if session.attendances.exists():
        raise ValidationError(_("Attendance was already taken in this session: it cannot be removed."))
    session.delete()


@transaction.atomic
def material_add(*, actor, course: Course, title: str, file=None, url: str = "") -> Material:
    require_perm(actor, "courses.change_course", course)
    if bool(file) == bool(url):
        raise ValidationError(_("Upload a file or give a link (one of the two)."))
    order = course.materials.count()
    return Material.objects.create(course=course, title=title, file=file or "", url=url, order=order)


@transaction.atomic
def material_delete(*, actor, material: Material) -> None:
    require_perm(actor, "courses.change_course", material.course)
    stored = material.file.name if material.file else ""
    material.delete()
    if stored:
        transaction.on_commit(lambda: material.file.storage.delete(stored))


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


def courses_erase_user(user) -> None:
    """Account deletion: enrollments and attendance go; certificates stay verifiable as printed (a public record of
    the lab, see the data-protection policy 1.1), no longer linked to the person."""
    for enrollment in Enrollment.objects.filter(user=user):
        Course.objects.filter(pk=enrollment.course_id).update(enrolled_count=F("enrolled_count") - 1)
        enrollment.delete()
