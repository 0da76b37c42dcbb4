"""What the courses publish: the courses dataset, search and dashboard counts (courses completed).

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only published courses
(``selectors.course_visible``); enrolments and certificates are published as counts only, never who.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from innova.opendata import registry

from . import selectors
from .api import CourseSerializer, CourseViewSet
from .models import Certificate, Enrollment


def _course_rows():
    return selectors.course_public_list().order_by("id")


COURSE_FIELDS = registry.dataset_fields(
    CourseSerializer,
    registry.Column("id", "Stable identifier of the course.", True),
    registry.Column("url", "Public page of the course (path on the site).", True),
    registry.Column("title", "Title of the course.", True),
    registry.Column("summary", "Summary of the course.", True),
    registry.Column("hours", "Hours of training certified.", True),
    registry.Column(
        "modality",
        "in_person, online or blended, from the sessions held through agenda events; empty when unknown.",
        value=selectors.course_modality,
    ),
    registry.Column("first_session_at", "When the first dated session starts."),
    registry.Column("last_session_at", "When the last dated session starts."),
    registry.Column("sessions_count", "Sessions of the course.", True),
    registry.Column("capacity", "Places; 0 means no limit.", True),
    registry.Column("enrollment_open", "Whether people may enrol now.", True),
    registry.Column("enrolled_count", "People enrolled.", True),
    registry.Column("certified_count", "People who completed it and hold a valid certificate.", True),
    registry.Column("created_at", "When the course was published.", True),
)


def _search(q: str):
    """Matching courses, newest first. Courses belong to no UPZ: a UPZ filter leaves none."""
    return selectors.course_search(selectors.course_visible(), q).order_by("-created_at", "-id")


def _describe(course) -> dict:
    return {
        "title": course.title,
        "body": f"{course.summary} {course.description}",
        "status": str(_("Enrollment open") if course.enrollment_open else _("Enrollment closed")),
        "date": course.created_at,
    }


def _counts(*, start=None, end=None, upz_id: int | None = None) -> registry.DashboardCounts:
    """Courses published in the period; completions (valid certificates issued) and enrolments in the period.

    Courses belong to no UPZ (no counts by UPZ): with a UPZ, the completions and enrolments are those of people
    who live there."""
    courses = registry.in_period(selectors.course_visible(), "created_at", start, end)
    visible = selectors.course_visible()
    certificates = registry.in_period(
        Certificate.objects.filter(enrollment__course__in=visible, revoked_at__isnull=True), "issued_at", start, end
    )
    enrollments = registry.in_period(Enrollment.objects.filter(course__in=visible), "created_at", start, end)
    if upz_id:
        certificates = certificates.filter(enrollment__user__upz_id=upz_id)
        enrollments = enrollments.filter(user__upz_id=upz_id)
    figures = courses.aggregate(total=Count("id"), open=Count("id", filter=Q(enrollment_open=True)))
    by_status = {
        str(_("Enrollment open")): figures["open"],
        str(_("Enrollment closed")): figures["total"] - figures["open"],
    }
    return registry.DashboardCounts(
        total=figures["total"],
        by_status={label: n for label, n in by_status.items() if n},
        by_month=registry.count_by_month(courses, "created_at"),
        extra={
            _("Courses completed (certificates issued)"): certificates.count(),
            _("Course enrolments"): enrollments.count(),
        },
    )


registry.register_dataset(
    registry.Dataset(
        name="courses",
        title="Cursos del laboratorio",
        description="Published training courses of Usme Innova with sessions, enrolments and completions (counts).",
        rows=_course_rows,
        fields=COURSE_FIELDS,
    )
)
registry.register_api("courses", CourseViewSet, basename="course")
registry.register_search(
    registry.SearchSource(kind="courses", label=_("Courses"), search=_search, describe=_describe, has_upz=False)
)
registry.register_dashboard(
    registry.DashboardSource(
        kind="courses",
        label=_("Courses"),
        counts=_counts,
        charts=(("status", _("Enrollment open or closed")), ("month", _("By month of publication"))),
    )
)
