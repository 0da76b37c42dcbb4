"""What the courses publish: the courses dataset, search and dashboard counts (courses completed).

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only published courses
(``selectors.course_visible``); enrolments and certificates are published as counts only, never who.
"""

from django.db.models import Count, IntegerField, Q, Value
from django.utils.translation import gettext_lazy as _

from innova.opendata.registry import (
    Column,
    DashboardCounts,
    DashboardSource,
    Dataset,
    SearchHit,
    SearchSource,
    count_by_month,
    dataset_fields,
    in_period,
    register_api,
    register_dashboard,
    register_dataset,
    register_search,
)

from . import selectors
from .api import CourseSerializer, CourseViewSet
from .models import Certificate, Enrollment


def _course_rows():
    return selectors.course_public_list().order_by("id")


COURSE_FIELDS = dataset_fields(
    CourseSerializer,
    Column("id", "Stable identifier of the course.", True),
    Column("url", "Public page of the course (path on the site).", True),
    Column("title", "Title of the course.", True),
    Column("summary", "Summary of the course.", True),
    Column("hours", "Hours of training certified.", True),
    Column(
        "modality",
        "in_person, online or blended, from the sessions held through agenda events; empty when unknown.",
        value=selectors.course_modality,
    ),
    Column("first_session_at", "When the first dated session starts."),
    Column("last_session_at", "When the last dated session starts."),
    Column("sessions_count", "Sessions of the course.", True),
    Column("capacity", "Places; 0 means no limit.", True),
    Column("enrollment_open", "Whether people may enrol now.", True),
    Column("enrolled_count", "People enrolled.", True),
    Column("certified_count", "People who completed it and hold a valid certificate.", True),
    Column("created_at", "When the course was published.", True),
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
