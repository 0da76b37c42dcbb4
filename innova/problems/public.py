"""What the problems domain publishes: open datasets, API endpoints, search and dashboard counts.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only published, visible problems;
never the author (anonymous or not), never a supporter's identity.
"""

from django.db.models import Count, F
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innova.opendata.registry import (
    DashboardCounts,
    DashboardSource,
    Dataset,
    DatasetField,
    SearchHit,
    SearchSource,
    count_by,
    count_by_month,
    in_period,
    iso,
    register_api,
    register_dashboard,
    register_dataset,
    register_search,
)
from innova.territory.geometry import coarsened

from . import selectors
from .api import ProblemViewSet
from .models import OfficialAnswer, Status, Support


def _problem_rows():
    return selectors.problem_visible().select_related("theme", "upz").order_by("id")


PROBLEM_FIELDS = (
    DatasetField(
        "id", "integer", "Stable identifier of the problem (also in /api/v1/problems/{id}/).", lambda p: p.pk, True
    ),
    DatasetField(
        "reference",
        "string",
        "Short code quoted by SMS or at attention points (USM-0001).",
        lambda p: p.reference,
        True,
    ),
    DatasetField(
        "url", "string", "Public page of the problem (path on the site).", lambda p: p.get_absolute_url(), True
    ),
    DatasetField("title", "string", "Title written by who reported it.", lambda p: p.title, True),
    DatasetField("description", "string", "Description written by who reported it.", lambda p: p.description, True),
    DatasetField("theme", "string", "Theme slug (movilidad, seguridad…).", lambda p: p.theme.slug, True),
    DatasetField("theme_name", "string", "Theme name.", lambda p: p.theme.name, True),
    DatasetField("upz_code", "string", "Code of the UPZ or RURAL for the rural zone.", lambda p: p.upz.code, True),
    DatasetField("upz_name", "string", "Name of the UPZ.", lambda p: p.upz.name, True),
    DatasetField(
        "latitude",
        "number",
        "Latitude of the place (WGS84) rounded to 0.001° (~110 m) to protect homes; empty when not given.",
        lambda p: coarsened(p.latitude),
    ),
    DatasetField(
        "longitude",
        "number",
        "Longitude of the place (WGS84) rounded to 0.001° (~110 m) to protect homes; empty when not given.",
        lambda p: coarsened(p.longitude),
    ),
    DatasetField(
        "status", "string", "Workflow status code (reported, in_review, validated…).", lambda p: p.status, True
    ),
    DatasetField(
        "channel", "string", "Channel it came in by (web, sms, whatsapp, point, api).", lambda p: p.channel, True
    ),
    DatasetField(
        "support_count", "integer", "People who said “A mí también me afecta”.", lambda p: p.support_count, True
    ),
    DatasetField("comment_count", "integer", "Public comments.", lambda p: p.comment_count, True),
    DatasetField("published_at", "datetime", "When it was published.", lambda p: iso(p.published_at), True),
    DatasetField(
        "answer_due_at",
        "datetime",
        "Deadline for the official answer, once the support threshold is reached.",
        lambda p: iso(p.answer_due_at),
    ),
    DatasetField(
        "answered_at", "datetime", "When the latest official answer was published.", lambda p: iso(p.answered_at)
    ),
)

ANSWER_FIELDS = (
    DatasetField("id", "integer", "Stable identifier of the answer.", lambda a: a.pk, True),
    DatasetField("problem_id", "integer", "The problem answered (problems.id).", lambda a: a.problem_id, True),
    DatasetField("body", "string", "Text of the official answer.", lambda a: a.body, True),
    DatasetField(
        "author_role", "string", "Position and entity of the official who answered.", lambda a: a.author_role_label
    ),
    DatasetField("created_at", "datetime", "When it was published.", lambda a: iso(a.created_at), True),
)

SUPPORT_FIELDS = (
    DatasetField("problem_id", "integer", "The problem supported (problems.id).", lambda r: r["problem_id"], True),
    DatasetField("month", "string", "Month of the supports, YYYY-MM.", lambda r: r["month"].strftime("%Y-%m"), True),
    DatasetField(
        "supports",
        "integer",
        "Supports given that month (who supported is never published).",
        lambda r: r["supports"],
        True,
    ),
)


def _answer_rows():
    return OfficialAnswer.objects.filter(problem__in=selectors.problem_visible()).order_by("id")


def _support_rows():
    return (
        Support.objects.filter(problem__in=selectors.problem_visible())
        .annotate(month=TruncMonth("created_at"))
        .values("problem_id", "month")
        .annotate(supports=Count("id"))
        .order_by("problem_id", "month")
    )


def _search(q: str, upz_id: int | None):
    """Matching problems, most supported first; the site search puts title matches ahead (registry.SearchSource).

    No ts_rank: it recomputes the document vector of every matching row (150 ms over 10,000 matches), while
    filtering uses the GIN index and ordering the support index."""
    queryset = selectors.problem_search(selectors.problem_visible().select_related("upz"), q)
    if upz_id:
        queryset = queryset.filter(upz_id=upz_id)
    return queryset.order_by("-support_count", "-id")


def _hit(problem) -> SearchHit:
    return SearchHit(
        kind="problems",
        title=problem.title,
        body=problem.description,
        url=problem.get_absolute_url(),
        status=str(Status(problem.status).label),
        upz_id=problem.upz_id,
        upz_name=str(problem.upz),
        date=problem.published_at,
    )


def _counts(*, start=None, end=None, upz_id: int | None = None) -> DashboardCounts:
    base = in_period(selectors.problem_visible(), "published_at", start, end)
    if upz_id:
        base = base.filter(upz_id=upz_id)
    by_status = {str(Status(code).label): n for code, n in count_by(base, "status").items()}
    answered = base.filter(answered_at__isnull=False).values_list("published_at", "answered_at")
    due = base.filter(answer_due_at__isnull=False)
    return DashboardCounts(
        total=base.count(),
        by_upz=count_by(base, "upz__code"),
        by_theme=count_by(base, "theme__name"),
        by_status=by_status,
        by_month=count_by_month(base, "published_at"),
        answer_days=[max(0.0, (a - p).total_seconds() / 86400) for p, a in answered],
        answered_in_time=due.filter(answered_at__isnull=False, answered_at__lte=F("answer_due_at")).count(),
        answers_due=due.filter(answered_at__isnull=False).count()
        + due.filter(answered_at__isnull=True, answer_due_at__lt=timezone.now()).count(),
        extra={
            _("Supports given in the period"): in_period(
                Support.objects.filter(problem__in=base), "created_at", start, end
            ).count(),
            _("Official answers given in the period"): in_period(
                OfficialAnswer.objects.filter(problem__in=base), "created_at", start, end
            ).count(),
            _("Awaiting an official answer past the deadline (today)"): due.filter(
                answered_at__isnull=True, answer_due_at__lt=timezone.now()
            ).count(),
        },
    )


register_dataset(
    Dataset(
        name="problems",
        title="Problemas de Usme",
        description="Problems reported by residents, officials and contractors of Usme, published on Usme Innova.",
        rows=_problem_rows,
        fields=PROBLEM_FIELDS,
    )
)
register_dataset(
    Dataset(
        name="problem_answers",
        title="Respuestas oficiales a problemas",
        description="Official answers of the Alcaldía Local de Usme to published problems.",
        rows=_answer_rows,
        fields=ANSWER_FIELDS,
    )
)
register_dataset(
    Dataset(
        name="problem_supports",
        title="Apoyos a problemas por mes",
        description="How many people supported each problem each month (aggregated; supporters are never published).",
        rows=_support_rows,
        fields=SUPPORT_FIELDS,
        primary_key="",
    )
)
register_api("problems", ProblemViewSet, basename="problem")
register_search(SearchSource(kind="problems", label=_("Problems"), search=_search, hit=_hit))
register_dashboard(DashboardSource(kind="problems", label=_("Problems"), counts=_counts, position=10))
