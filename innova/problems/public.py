"""What the problems domain publishes: open datasets, API endpoints, search and dashboard counts.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only published, visible problems;
never the author (anonymous or not), never a supporter's identity.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innova.opendata import registry
from innova.territory.geometry import coarsened

from . import selectors
from .api import AnswerSerializer, ProblemSerializer, ProblemViewSet
from .models import OfficialAnswer, Status, Support


def _problem_rows():
    return selectors.problem_visible().select_related("theme", "upz").order_by("id")


PROBLEM_FIELDS = registry.dataset_fields(
    ProblemSerializer,
    registry.Column("id", "Stable identifier of the problem (also in /api/v1/problems/{id}/).", True),
    registry.Column("reference", "Short code quoted by SMS or at attention points (USM-0001).", True),
    registry.Column("url", "Public page of the problem (path on the site).", True),
    registry.Column("title", "Title written by who reported it.", True),
    registry.Column("description", "Description written by who reported it.", True),
    registry.DatasetField("theme", "string", "Theme slug (movilidad, seguridad…).", lambda p: p.theme.slug, True),
    registry.DatasetField("theme_name", "string", "Theme name.", lambda p: p.theme.name, True),
    registry.DatasetField(
        "upz_code", "string", "Code of the UPZ or RURAL for the rural zone.", lambda p: p.upz.code, True
    ),
    registry.DatasetField("upz_name", "string", "Name of the UPZ.", lambda p: p.upz.name, True),
    registry.Column(
        "latitude",
        "Latitude of the place (WGS84) rounded to 0.001° (~110 m) to protect homes; empty when not given.",
        value=lambda p: coarsened(p.latitude),
    ),
    registry.Column(
        "longitude",
        "Longitude of the place (WGS84) rounded to 0.001° (~110 m) to protect homes; empty when not given.",
        value=lambda p: coarsened(p.longitude),
    ),
    registry.Column("status", "Workflow status code (reported, in_review, validated…).", True),
    registry.DatasetField(
        "channel", "string", "Channel it came in by (web, sms, whatsapp, point, api).", lambda p: p.channel, True
    ),
    registry.Column("support_count", "People who said “A mí también me afecta”.", True),
    registry.Column("comment_count", "Public comments.", True),
    registry.Column("published_at", "When it was published.", True),
    registry.Column("answer_due_at", "Deadline for the official answer, once the support threshold is reached."),
    registry.Column("answered_at", "When the latest official answer was published."),
)

ANSWER_FIELDS = registry.dataset_fields(
    AnswerSerializer,
    registry.Column("id", "Stable identifier of the answer.", True),
    registry.DatasetField("problem_id", "integer", "The problem answered (problems.id).", lambda a: a.problem_id, True),
    registry.Column("body", "Text of the official answer.", True),
    registry.Column("author_role", "Position and entity of the official who answered."),
    registry.Column("created_at", "When it was published.", True),
)


def _answer_rows():
    return OfficialAnswer.objects.filter(problem__in=selectors.problem_visible()).order_by("id")


def _search(q: str):
    """Matching problems, most supported first; the site search puts title matches ahead (registry.SearchSource).

    No ts_rank: it recomputes the document vector of every matching row (150 ms over 10,000 matches), while
    filtering uses the GIN index and ordering the support index."""
    queryset = selectors.problem_search(selectors.problem_visible().select_related("upz"), q)
    return queryset.order_by("-support_count", "-id")


def _describe(problem) -> dict:
    return {
        "title": problem.title,
        "body": problem.description,
        "status": str(Status(problem.status).label),
        "upz_id": problem.upz_id,
        "upz_name": str(problem.upz),
        "date": problem.published_at,
    }


def _counts(*, start=None, end=None, upz_id: int | None = None) -> registry.DashboardCounts:
    base = registry.in_upz(registry.in_period(selectors.problem_visible(), "published_at", start, end), upz_id)
    by_status = {str(Status(code).label): n for code, n in registry.count_by(base, "status").items()}
    answered = base.filter(answered_at__isnull=False).values_list("published_at", "answered_at")
    due = base.filter(answer_due_at__isnull=False)
    return registry.DashboardCounts(
        total=base.count(),
        by_upz=registry.count_by(base, "upz__code"),
        by_theme=registry.count_by(base, "theme__name"),
        by_status=by_status,
        by_month=registry.count_by_month(base, "published_at"),
        answer_days=[max(0.0, (a - p).total_seconds() / 86400) for p, a in answered],
        answered_in_time=due.filter(answered_at__isnull=False, answered_at__lte=F("answer_due_at")).count(),
        answers_due=due.filter(answered_at__isnull=False).count()
        + due.filter(answered_at__isnull=True, answer_due_at__lt=timezone.now()).count(),
        extra={
            _("Supports given in the period"): registry.count_in_period(
                Support.objects.filter(problem__in=base), start, end
            ),
            _("Official answers given in the period"): registry.count_in_period(
                OfficialAnswer.objects.filter(problem__in=base), start, end
            ),
            _("Awaiting an official answer past the deadline (today)"): due.filter(
                answered_at__isnull=True, answer_due_at__lt=timezone.now()
            ).count(),
        },
    )


registry.register_dataset(
    registry.Dataset(
        name="problems",
        title="Problemas de Usme",
        description="Problems reported by residents, officials and contractors of Usme, published on Usme Innova.",
        rows=_problem_rows,
        fields=PROBLEM_FIELDS,
    )
)
registry.register_dataset(
    registry.Dataset(
        name="problem_answers",
        title="Respuestas oficiales a problemas",
        description="Official answers of the Alcaldía Local de Usme to published problems.",
        rows=_answer_rows,
        fields=ANSWER_FIELDS,
    )
)
registry.register_dataset(
    registry.supports_by_month(
        "problem",
        title="Apoyos a problemas por mes",
        supports=lambda: Support.objects.filter(problem__in=selectors.problem_visible()),
    )
)
registry.register_api("problems", ProblemViewSet, basename="problem")
registry.register_search(
    registry.SearchSource(kind="problems", label=_("Problems"), search=_search, describe=_describe)
)
registry.register_dashboard(registry.DashboardSource(kind="problems", label=_("Problems"), counts=_counts, position=10))
