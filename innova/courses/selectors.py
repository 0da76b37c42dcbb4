from dataclasses import dataclass

from django.db.models import QuerySet

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


def course_list() -> QuerySet[Course]:
    return Course.objects.filter(published=True).prefetch_related("instructors")


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
