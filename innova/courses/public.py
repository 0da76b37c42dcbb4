"""What the courses publish: the courses dataset, search and dashboard counts (courses completed).

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only published courses
(``selectors.course_visible``); enrolments and certificates are published as counts only, never who.
"""

from django.db.models import Count, IntegerField, Q, Value
from django.utils.translation import gettext_lazy as _

from innova.opendata.registry import (
    DashboardCounts,
    DashboardSource,
    Dataset,
    DatasetField,
    SearchHit,
    SearchSource,
    count_by_month,
    in_period,
    iso,
    register_api,
    register_dashboard,
    register_dataset,
    register_search,
)

from . import selectors
from .api import CourseViewSet
from .models import Certificate, Enrollment


def _course_rows():
    return selectors.course_public_list().order_by("id")


COURSE_FIELDS = (
    DatasetField("id", "integer", "Stable identifier of the course.", lambda c: c.pk, True),
    DatasetField(
        "url", "string", "Public page of the course (path on the site).", lambda c: c.get_absolute_url(), True
    ),
    DatasetField("title", "string", "Title of the course.", lambda c: c.title, True),
    DatasetField("summary", "string", "Summary of the course.", lambda c: c.summary, True),
    DatasetField("hours", "integer", "Hours of training certified.", lambda c: c.hours, True),
    DatasetField(
        "modality",
        "string",
        "in_person, online or blended, from the sessions held through agenda events; empty when unknown.",
        selectors.course_modality,
    ),
    DatasetField(
        "first_session_at", "datetime", "When the first dated session starts.", lambda c: iso(c.first_session_at)
    ),
    DatasetField(
        "last_session_at", "datetime", "When the last dated session starts.", lambda c: iso(c.last_session_at)
    ),
    DatasetField("sessions_count", "integer", "Sessions of the course.", lambda c: c.sessions_count, True),
    DatasetField("capacity", "integer", "Places; 0 means no limit.", lambda c: c.capacity, True),
    DatasetField("enrollment_open", "boolean", "Whether people may enrol now.", lambda c: c.enrollment_open, True),
    DatasetField("enrolled_count", "integer", "People enrolled.", lambda c: c.enrolled_count, True),
    DatasetField(
        "certified_count",
        "integer",
        "People who completed it and hold a valid certificate.",
        lambda c: c.certified_count,
        True,
    ),
    DatasetField("created_at", "datetime", "When the course was published.", lambda c: iso(c.created_at), True),
)


def _search(q: str, upz_id: int | None):
    """Matching courses, newest first. Courses belong to no UPZ: a UPZ filter leaves none."""
    queryset = selectors.course_search(selectors.course_visible(), q)
    if upz_id:
        queryset = queryset.none()
    # The search facets count matches per upz_id; a course has none.
    return queryset.annotate(upz_id=Value(None, output_field=IntegerField())).order_by("-created_at", "-id")


def _hit(course) -> SearchHit:
    return SearchHit(
        kind="courses",
        title=course.title,
        body=f"{course.summary} {course.description}",
        url=course.get_absolute_url(),
        status=str(_("Enrollment open") if course.enrollment_open else _("Enrollment closed")),
        upz_id=None,
        upz_name="",
        date=course.created_at,
    )


def _counts(*, start=None, end=None, upz_id: int | None = None) -> DashboardCounts:
    """Courses published in the period; completions (valid certificates issued) and enrolments in the period.

    Courses belong to no UPZ (no counts by UPZ): with a UPZ, the completions and enrolments are those of people
    who live there."""
    courses = in_period(selectors.course_visible(), "created_at", start, end)
    visible = selectors.course_visible()
    certificates = in_period(
        Certificate.objects.filter(enrollment__course__in=visible, revoked_at__isnull=True), "issued_at", start, end
    )
    enrollments = in_period(Enrollment.objects.filter(course__in=visible), "created_at", start, end)
    if upz_id:
        certificates = certificates.filter(enrollment__user__upz_id=upz_id)
        enrollments = enrollments.filter(user__upz_id=upz_id)
    figures = courses.aggregate(total=Count("id"), open=Count("id", filter=Q(enrollment_open=True)))
    by_status = {
        str(_("Enrollment open")): figures["open"],
        str(_("Enrollment closed")): figures["total"] - figures["open"],
    }
    return DashboardCounts(
        total=figures["total"],
        by_status={label: n for label, n in by_status.items() if n},
        by_month=count_by_month(courses, "created_at"),
        extra={
            _("Courses completed (certificates issued)"): certificates.count(),
            _("Course enrolments"): enrollments.count(),
        },
    )


register_dataset(
    Dataset(
        name="courses",
        title="Cursos del laboratorio",
        description="Published training courses of Usme Innova with sessions, enrolments and completions (counts).",
        rows=_course_rows,
        fields=COURSE_FIELDS,
    )
)
register_api("courses", CourseViewSet, basename="course")
register_search(SearchSource(kind="courses", label=_("Courses"), search=_search, hit=_hit))
register_dashboard(
    DashboardSource(
        kind="courses",
        label=_("Courses"),
        counts=_counts,
        charts=(("status", _("Enrollment open or closed")), ("month", _("By month of publication"))),
    )
)
