"""Results of a survey: the page, its printable and PDF report, free-text answers, and the exports."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from innova.core.exports import csv_response, xlsx_response
from innova.core.pdf import pdf_render, pdf_response
from innova.core.permissions import require_perm

from .. import exports, selectors
from ..forms import CrosstabForm, ResultsFilterForm
from ..models import Question, Survey
from .access import survey_for


def _results_context(request, survey: Survey) -> dict:
    require_perm(request.user, "surveys.view_results", survey)
    filter_form = ResultsFilterForm(request.GET or None)
    filters = selectors.Filters()
    if request.GET and filter_form.is_valid():
        data = filter_form.cleaned_data
        filters = selectors.Filters(upz_id=data["upz"], age_range=data["age_range"], gender=data["gender"])
    results = selectors.survey_results(survey=survey, filters=filters)
    questions = selectors.crosstab_questions(survey=survey)
    crosstab = None if results["suppressed"] else _crosstab(request, survey, questions, filters)
    return {
        "survey": survey,
        "results": results,
        "filter_form": filter_form,
        "filters": filters,
        "crosstab_questions": questions,
        "crosstab": crosstab,
        "min_group": selectors.MIN_GROUP,
        "may_see_text": request.user.has_perm("surveys.view_free_text", survey),
        "may_export": request.user.has_perm("surveys.export_responses", survey),
        "query": request.GET.urlencode(),
    }


def _crosstab(request, survey: Survey, questions: list[Question], filters) -> dict | None:
    """The cross-tabulation asked for with ``?filas=<question>&columnas=<question>``, if both are valid."""
    if "filas" not in request.GET:
        return None
    form = CrosstabForm({"first": request.GET.get("filas"), "second": request.GET.get("columnas")}, questions=questions)
    if not form.is_valid():
        return None
    by_pk = {q.pk: q for q in questions}
    first, second = by_pk[form.cleaned_data["first"]], by_pk[form.cleaned_data["second"]]
    return {
        "first": first,
        "second": second,
        **selectors.survey_crosstab(survey=survey, first=first, second=second, filters=filters),
    }


def _results_pending(request, survey: Survey):
    """Results not released to this person: a page that says so and when they will be, instead of the generic
    "your account has no permission". Still 403: the results exist but are not available to this request."""
    if request.user.has_perm("surveys.view_results", survey):
        return None
    return render(request, "surveys/results_pending.html", {"survey": survey}, status=403)


def results(request, slug: str):
    return _results_page(request, slug, "surveys/results.html")


def results_print(request, slug: str):
    return _results_page(request, slug, "surveys/results_print.html")


def _results_page(request, slug: str, template: str):
    survey = survey_for(request, slug)
    if (pending := _results_pending(request, survey)) is not None:
        return pending
    return render(request, template, _results_context(request, survey))


def results_pdf(request, slug: str):
    survey = survey_for(request, slug)
    if (pending := _results_pending(request, survey)) is not None:
        return pending
    context = _results_context(request, survey)
    pdf = pdf_render("surveys/results_print.html", context, request=request, stylesheets=("surveys/print.css",))
    return pdf_response(pdf, filename=f"resultados-{survey.slug}.pdf")


def free_text(request, slug: str, question_pk: int):
    survey = survey_for(request, slug)
    require_perm(request.user, "surveys.view_free_text", survey)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.free_text_answers(question=question, search=search), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request, "surveys/free_text.html", {"survey": survey, "question": question, "page": page, "search": search}
    )


def export_csv(request, slug: str):
    survey = survey_for(request, slug)
    require_perm(request.user, "surveys.export_responses", survey)
    rows = exports.responses_table(survey=survey)
    return csv_response(rows, filename=f"respuestas-{survey.slug}.csv", bom=False, streaming=True)


def export_xlsx(request, slug: str):
    survey = survey_for(request, slug)
    require_perm(request.user, "surveys.export_responses", survey)
    return xlsx_response(exports.responses_sheets(survey=survey), filename=f"respuestas-{survey.slug}.xlsx")
