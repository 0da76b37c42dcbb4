"""What the surveys domain publishes: the results of surveys marked public, and responses on the dashboard.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Aggregates only, from the same results
the public results page shows (``selectors.survey_results``): never a response row, never free text (free-text
answers are for staff only, ``surveys.view_free_text``), never who answered.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from innova.opendata.registry import (
    DashboardCounts,
    DashboardSource,
    Dataset,
    DatasetField,
    count_by,
    count_by_month,
    in_period,
    in_upz,
    register_dashboard,
    register_dataset,
)

from . import selectors
from .models import CHOICE_KINDS, Kind, Response


def _result_rows() -> list[dict]:
    """One row per survey, question, matrix row and option with its count, for the kinds answered with codes
    (single and multiple choice, scale, UPZ, matrix). Number, date, ranking and text answers are left out."""
    rows = []
    for survey in selectors.survey_results_public_list():
        results = selectors.survey_results(survey=survey)
        for position, result in enumerate(results["questions"], start=1):
            question = result.question
            base = {
                "survey": survey,
                "responses": results["total"],
                "question": question,
                "position": position,
            }
            if question.kind in CHOICE_KINDS:
                rows += [{**base, "row": "", "bar": bar, "answered": result.answered} for bar in result.bars]
            elif question.kind == Kind.MATRIX:
                for row_label, bars, answered in result.rows:
                    rows += [{**base, "row": row_label, "bar": bar, "answered": answered} for bar in bars]
    return rows


RESULT_FIELDS = (
    DatasetField("survey_id", "integer", "The survey.", lambda r: r["survey"].pk, True),
    DatasetField("survey_title", "string", "Title of the survey.", lambda r: r["survey"].title, True),
    DatasetField(
        "survey_url",
        "string",
        "Public page of the survey (path on the site).",
        lambda r: r["survey"].get_absolute_url(),
        True,
    ),
    DatasetField(
        "survey_closed_at", "datetime", "When the survey closed.", lambda r: r["survey"].closes_at.isoformat(), True
    ),
    DatasetField("survey_responses", "integer", "Responses submitted to the survey.", lambda r: r["responses"], True),
    DatasetField("question_id", "integer", "The question.", lambda r: r["question"].pk, True),
    DatasetField(
        "question_position", "integer", "Position of the question in the survey (1, 2…).", lambda r: r["position"], True
    ),
    DatasetField("question", "string", "Text of the question.", lambda r: r["question"].text, True),
    DatasetField(
        "question_kind", "string", "Kind: single, multiple, scale, upz or matrix.", lambda r: r["question"].kind, True
    ),
    DatasetField("row", "string", "Row of a matrix question, empty for other kinds.", lambda r: r["row"]),
    DatasetField("option", "string", "The option, scale point or UPZ.", lambda r: r["bar"].label, True),
    DatasetField("answers", "integer", "How many people chose it.", lambda r: r["bar"].count, True),
    DatasetField(
        "answered",
        "integer",
        "How many people answered the question (or the matrix row); several options each in multiple choice.",
        lambda r: r["answered"],
        True,
    ),
    DatasetField("percent", "number", "answers as a percentage of answered.", lambda r: r["bar"].percent, True),
)


def _counts(*, start=None, end=None, upz_id: int | None = None) -> DashboardCounts:
    """Responses submitted to published surveys in the period, by month and by the respondent's UPZ (given in a
    UPZ question or the consented profile)."""
    submitted = Response.objects.filter(survey__published=True, submitted_at__isnull=False)
    base = in_upz(in_period(submitted, "submitted_at", start, end), upz_id)
    totals = base.aggregate(responses=Count("id"), surveys=Count("survey_id", distinct=True))
    return DashboardCounts(
        total=totals["responses"],
        by_upz=count_by(base, "upz__code"),
        by_month=count_by_month(base, "submitted_at"),
        extra={_("Surveys answered in the period"): totals["surveys"]},
    )


register_dataset(
    Dataset(
        name="survey_results",
        title="Resultados de encuestas",
        description="Counts of answers per question and option of the surveys whose results are public once closed "
        "(aggregated; responses and free-text answers are never published).",
        rows=_result_rows,
        fields=RESULT_FIELDS,
        primary_key="",
    )
)
register_dashboard(
    DashboardSource(
        kind="surveys",
        label=_("Survey responses"),
        counts=_counts,
        charts=(("upz", _("By UPZ of the respondent")), ("month", _("By month"))),
    )
)
