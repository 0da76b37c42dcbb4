from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce

from innova.core.participation import text_search

from .models import Attendance, Certificate, Course, Enrollment, Session


@dataclass(frozen=True)
class Progress:
    sessions: int
    attended: int
    final_done: bool
    threshold: int
    requires_final: bool

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.sessions) if self.sessions else 0

    @property
    def complete(self) -> bool:
        attendance_ok = self.sessions > 0 and self.attended * 100 >= self.threshold * self.sessions
        return attendance_ok and (self.final_done or not self.requires_final)


def course_visible() -> QuerySet[Course]:
    """Published courses: what the course list, its pages, search, open data and the API show."""
    return Course.objects.filter(published=True)


def course_readable(course: Course, *, user) -> bool:
    """Whether ``user`` may open the course's page and its material files: published, or they may edit it."""
    return course.published or user.has_perm("courses.change_course", course)


def course_list() -> QuerySet[Course]:
    return course_visible().prefetch_related("instructors")


def course_public_list() -> QuerySet[Course]:
    """Visible courses with their public figures (open data): dates, sessions, where they happen, enrolments and
    certificates (counts only; who enrolled or completed is never part of it).

    A session's date is its own or its agenda event's; ``online_sessions``/``place_sessions`` count the sessions
    held through an agenda event online or at a place."""
    session_at = Coalesce("sessions__starts_at", "sessions__event__starts_at")
    at_event = Q(sessions__event__isnull=False)
    return course_visible().annotate(
        sessions_count=Count("sessions", distinct=True),
        first_session_at=Min(session_at),
        last_session_at=Max(session_at),
        online_sessions=Count("sessions", filter=at_event & ~Q(sessions__event__online_url=""), distinct=True),
        place_sessions=Count("sessions", filter=at_event & ~Q(sessions__event__place_name=""), distinct=True),
        certified_count=Count(
            "enrollments__certificate",
            filter=Q(enrollments__certificate__revoked_at__isnull=True),
            distinct=True,
        ),
    )


def course_modality(course: Course) -> str | None:
    """Of a ``course_public_list`` row, from its sessions held through agenda events: in_person, online or
    blended; None when no session is an agenda event."""
    if course.online_sessions and course.place_sessions:
        return "blended"
    if course.online_sessions:
        return "online"
    if course.place_sessions:
        return "in_person"
    return None


def course_search(queryset: QuerySet[Course], q: str) -> QuerySet[Course]:
    """Spanish word search over title, summary and description (shared mechanism, core.participation)."""
    return text_search(queryset, q)


def _progress(enrollment: Enrollment, *, sessions: int, attended: int) -> Progress:
    course = enrollment.course
    return Progress(
        sessions=sessions,
        attended=attended,
        final_done=enrollment.final_activity_done_at is not None,
        threshold=course.attendance_threshold,
        requires_final=course.requires_final_activity,
    )


def enrollment_progress(enrollment: Enrollment) -> Progress:
    return _progress(
        enrollment,
        sessions=Session.objects.filter(course=enrollment.course).count(),
        attended=Attendance.objects.filter(enrollment=enrollment).count(),
    )


def _counts(queryset, key: str) -> dict[int, int]:
    """``{key value: number of rows}`` in one grouped query."""
    return dict(queryset.order_by().values(key).annotate(n=Count("pk")).values_list(key, "n"))


def _certificates(enrollment_ids) -> dict[int, Certificate]:
    return {c.enrollment_id: c for c in Certificate.objects.filter(enrollment_id__in=enrollment_ids)}


def enrollments_of(user) -> list[tuple[Enrollment, Progress, Certificate | None]]:
    """The person's enrollments with their progress and certificate (a fixed number of queries, however many)."""
    enrollments = list(Enrollment.objects.filter(user=user).select_related("course").order_by("-created_at"))
    ids = [e.pk for e in enrollments]
    sessions = _counts(Session.objects.filter(course__in={e.course_id for e in enrollments}), "course")
    attended = _counts(Attendance.objects.filter(enrollment_id__in=ids), "enrollment")
    certificates = _certificates(ids)
    return [
        (e, _progress(e, sessions=sessions.get(e.course_id, 0), attended=attended.get(e.pk, 0)), certificates.get(e.pk))
        for e in enrollments
    ]


def roster(course: Course) -> tuple[list[Session], list[dict]]:
    """Sessions and, per enrolled person, which sessions they attended: the attendance grid."""
    sessions = list(course.sessions.all())
    attended = set(Attendance.objects.filter(session__course=course).values_list("enrollment_id", "session_id"))
    enrollments = list(course.enrollments.select_related("user", "course").order_by("user__display_name", "pk"))
    ids = [e.pk for e in enrollments]
    attended_count = _counts(Attendance.objects.filter(enrollment_id__in=ids), "enrollment")
    certificates = _certificates(ids)
    rows = []
    for enrollment in enrollments:
        progress = _progress(enrollment, sessions=len(sessions), attended=attended_count.get(enrollment.pk, 0))
        rows.append(
            {
                "enrollment": enrollment,
                "cells": [(session, (enrollment.pk, session.pk) in attended) for session in sessions],
                "progress": progress,
                "certificate": certificates.get(enrollment.pk),
            }
        )
    return sessions, rows


def course_personal_data(user) -> dict:
    return {
        "enrollments": [
            {
                "course": enrollment.course.title,
                "enrolled_at": enrollment.created_at.isoformat(),
                "sessions_attended": progress.attended,
                "final_activity_done": progress.final_done,
                "certificate": certificate.code if certificate else None,
            }
            for enrollment, progress, certificate in enrollments_of(user)
        ]
    }
