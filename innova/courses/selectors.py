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


def enrollment_progress(enrollment: Enrollment) -> Progress:
    course = enrollment.course
    return Progress(
        sessions=Session.objects.filter(course=course).count(),
        attended=Attendance.objects.filter(enrollment=enrollment).count(),
        final_done=enrollment.final_activity_done_at is not None,
        threshold=course.attendance_threshold,
        requires_final=course.requires_final_activity,
    )


def enrollments_of(user) -> list[tuple[Enrollment, Progress, Certificate | None]]:
    result = []
    for enrollment in Enrollment.objects.filter(user=user).select_related("course").order_by("-created_at"):
        certificate = Certificate.objects.filter(enrollment=enrollment).first()
        result.append((enrollment, enrollment_progress(enrollment), certificate))
    return result


def roster(course: Course) -> tuple[list[Session], list[dict]]:
    """Sessions and, per enrolled person, which sessions they attended: the attendance grid."""
    sessions = list(course.sessions.all())
    attended = set(Attendance.objects.filter(session__course=course).values_list("enrollment_id", "session_id"))
    rows = []
    for enrollment in course.enrollments.select_related("user").order_by("user__display_name", "pk"):
        rows.append(
            {
                "enrollment": enrollment,
                "cells": [(session, (enrollment.pk, session.pk) in attended) for session in sessions],
                "progress": enrollment_progress(enrollment),
                "certificate": Certificate.objects.filter(enrollment=enrollment).first(),
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
