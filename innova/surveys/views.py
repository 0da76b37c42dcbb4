import itertools
from uuid import uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.exports import csv_response, xlsx_response
from innova.core.pdf import pdf_render, pdf_response
from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_or_message, service_with_message

from . import exports, selectors, services
from .forms import CrosstabForm, QuestionForm, ResultsFilterForm, SectionAnswerForm, SectionForm, SurveyForm
from .models import Access, Question, Section, Survey

BROWSER_COOKIE = "innova_encuesta"
BROWSER_COOKIE_AGE = 60 * 60 * 24 * 365


# --- Who is answering ------------------------------------------------------------------------------------------


def _respondent(request) -> tuple[str, str | None]:
    """A keyed hash of the person (logged in) or of this browser's signed cookie (anonymous), and the cookie value
    to set when the browser had none."""
    if request.user.is_authenticated:
        value, new = f"user:{request.user.pk}", None
    else:
        browser = request.get_signed_cookie(BROWSER_COOKIE, default=None, salt="surveys")
        new = None if browser else uuid4().hex
        value = f"browser:{browser or new}"
    return salted_hmac("surveys.respondent", value, algorithm="sha256").hexdigest(), new


def _with_cookie(response, new_browser: str | None):
    if new_browser:
        response.set_signed_cookie(
            BROWSER_COOKIE, new_browser, salt="surveys", max_age=BROWSER_COOKIE_AGE, httponly=True, samesite="Lax"
        )
    return response


def _survey_for(request, slug: str) -> Survey:
    """The survey if this person may see it; link-only surveys need their secret key once per session."""
    survey = get_object_or_404(Survey, slug=slug)
    user = request.user
    if user.has_perm("surveys.manage_survey"):
        return survey
    if not survey.published:
        raise Http404
    if survey.access == Access.LINK:
        session_key = f"surveys_link_{survey.pk}"
        token = request.GET.get("clave", "")
        if token and constant_time_compare(token, survey.link_token):
            request.session[session_key] = True
        elif not request.session.get(session_key):
            raise Http404
    return survey


# --- Public pages ----------------------------------------------------------------------------------------------


def index(request):
    return render(request, "surveys/index.html", {"surveys": selectors.survey_open_list(user=request.user)})


def detail(request, slug: str):
    survey = _survey_for(request, slug)
    key, new_browser = _respondent(request)
    sections = selectors.survey_structure(survey=survey)
    current = services.response_current(survey=survey, respondent_key=key)
    context = {
        "survey": survey,
        "sections": sections,
        "in_progress": current is not None and bool(current.sections_done),
        "answered": services.response_already_submitted(survey=survey, respondent_key=key),
        "may_answer": request.user.has_perm("surveys.answer_survey", survey),
        "needs_login": not request.user.is_authenticated
        and (survey.identified or survey.access in (Access.LOGGED_IN, Access.FRONT)),
        "question_count": sum(len(s.question_list) for s in sections),
        "may_see_results": request.user.has_perm("surveys.view_results", survey),
    }
    return _with_cookie(render(request, "surveys/detail.html", context), new_browser)


def answer(request, slug: str):
    survey = _survey_for(request, slug)
    if not request.user.has_perm("surveys.answer_survey", survey):
        if not request.user.is_authenticated and (survey.identified or survey.access != Access.EVERYONE):
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("This survey is not open to you right now."))
    key, new_browser = _respondent(request)
    if services.response_already_submitted(survey=survey, respondent_key=key):
        messages.info(request, _("You already answered this survey. Thank you!"))
        return redirect(survey)
    sections = selectors.survey_structure(survey=survey)
    response = services.response_current(survey=survey, respondent_key=key)
    draft = response.draft if response else {}
    visible = selectors.visible_sections(sections=sections, draft=draft)
    if not visible:
        raise Http404
    requested = request.GET.get("seccion") or request.POST.get("seccion")
    section = next((s for s in visible if str(s.pk) == requested), None)
    if section is None:
        section = services.response_next_section(response=response, sections=sections) or visible[-1]
    questions = selectors.visible_questions(section=section, draft=draft, sections=sections)
    position = visible.index(section)
    if request.method == "POST":
        form = SectionAnswerForm(request.POST, questions=questions)
        if form.is_valid():
            response = services.response_section_save(
                user=request.user, survey=survey, respondent_key=key, section=section, values=form.values()
            )
            if request.POST.get("action") == "back" and position > 0:
                previous = selectors.visible_sections(sections=sections, draft=response.draft)
                index = next((i for i, s in enumerate(previous) if s.pk == section.pk), 1)
                return _with_cookie(_to_section(survey, previous[max(index - 1, 0)]), new_browser)
            # Forward in order (someone who went back to edit walks the next parts again); after the last part,
            # any part still missing, else submit.
            now_visible = selectors.visible_sections(sections=sections, draft=response.draft)
            index = next((i for i, s in enumerate(now_visible) if s.pk == section.pk), len(now_visible))
            following = (
                now_visible[index + 1]
                if index + 1 < len(now_visible)
                else services.response_next_section(response=response, sections=sections)
            )
            if following is not None:
                return _with_cookie(_to_section(survey, following), new_browser)
            submitted = service_or_message(
                request, lambda: services.response_submit(user=request.user, survey=survey, response=response)
            )
            if submitted is None:
                return _with_cookie(redirect(reverse("surveys:answer", args=[survey.slug])), new_browser)
            return _with_cookie(redirect("surveys:thanks", slug=survey.slug), new_browser)
        if request.POST.get("action") == "back" and position > 0:
            # Going back never gets stuck on this screen's errors; what was valid before stays saved.
            return _with_cookie(_to_section(survey, visible[position - 1]), new_browser)
        messages.error(request, _("Some answers need a correction. They are marked below."))
    else:
        form = SectionAnswerForm(questions=questions, draft=draft)
    following = [s for s in visible[position + 1 :]]
    context = {
        "survey": survey,
        "section": section,
        "form": form,
        "step": position + 1,
        "steps": len(visible),
        "is_last": not following,
        "previous": visible[position - 1] if position else None,
    }
    return _with_cookie(render(request, "surveys/answer.html", context), new_browser)


def _to_section(survey: Survey, section: Section):
    return redirect(f"{reverse('surveys:answer', args=[survey.slug])}?seccion={section.pk}")


def thanks(request, slug: str):
    survey = _survey_for(request, slug)
    return render(
        request,
        "surveys/thanks.html",
        {"survey": survey, "may_see_results": request.user.has_perm("surveys.view_results", survey)},
    )


# --- Results ---------------------------------------------------------------------------------------------------


def _results_context(request, survey: Survey) -> dict:
    require_perm(request.user, "surveys.view_results", survey)
    filter_form = ResultsFilterForm(request.GET or None)
    filters = selectors.Filters()
    if request.GET and filter_form.is_valid():
        data = filter_form.cleaned_data
        filters = selectors.Filters(upz_id=data["upz"], age_range=data["age_range"], gender=data["gender"])
    results = selectors.survey_results(survey=survey, filters=filters)
    questions = selectors.crosstab_questions(survey=survey)
    crosstab_form = CrosstabForm(request.GET if "filas" in request.GET else None, questions=questions)
    crosstab = None
    if "filas" in request.GET:
        crosstab_form = CrosstabForm(
            {"first": request.GET.get("filas"), "second": request.GET.get("columnas")}, questions=questions
        )
        if crosstab_form.is_valid() and not results["suppressed"]:
            by_pk = {q.pk: q for q in questions}
            first, second = by_pk[crosstab_form.cleaned_data["first"]], by_pk[crosstab_form.cleaned_data["second"]]
            crosstab = {
                "first": first,
                "second": second,
                **selectors.survey_crosstab(survey=survey, first=first, second=second, filters=filters),
            }
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


def _results_pending(request, survey: Survey):
    """Results not released to this person: a page that says so and when they will be, instead of the generic
    "your account has no permission". Still 403: the results exist but are not available to this request."""
    if request.user.has_perm("surveys.view_results", survey):
        return None
    return render(request, "surveys/results_pending.html", {"survey": survey}, status=403)


def results(request, slug: str):
    survey = _survey_for(request, slug)
    if (pending := _results_pending(request, survey)) is not None:
        return pending
    return render(request, "surveys/results.html", _results_context(request, survey))


def results_print(request, slug: str):
    survey = _survey_for(request, slug)
    if (pending := _results_pending(request, survey)) is not None:
        return pending
    return render(request, "surveys/results_print.html", _results_context(request, survey))


def results_pdf(request, slug: str):
    survey = _survey_for(request, slug)
    if (pending := _results_pending(request, survey)) is not None:
        return pending
    context = _results_context(request, survey)
    pdf = pdf_render("surveys/results_print.html", context, request=request, stylesheets=("surveys/print.css",))
    return pdf_response(pdf, filename=f"resultados-{survey.slug}.pdf")


def free_text(request, slug: str, question_pk: int):
    survey = _survey_for(request, slug)
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
    survey = _survey_for(request, slug)
    require_perm(request.user, "surveys.export_responses", survey)
    columns = selectors.export_columns(survey=survey)
    rows = itertools.chain([[c.name for c in columns]], selectors.export_rows(survey=survey, columns=columns))
    return csv_response(rows, filename=f"respuestas-{survey.slug}.csv", bom=False, streaming=True)


def export_xlsx(request, slug: str):
    survey = _survey_for(request, slug)
    require_perm(request.user, "surveys.export_responses", survey)
    return xlsx_response(exports.responses_sheets(survey=survey), filename=f"respuestas-{survey.slug}.xlsx")


# --- Builder (staff) -------------------------------------------------------------------------------------------


def _staff(request) -> None:
    require_perm(request.user, "surveys.manage_survey")


@login_required
def manage(request):
    _staff(request)
    return render(request, "surveys/manage.html", {"surveys": Survey.objects.all()})


@login_required
def survey_new(request):
    _staff(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = services.survey_create(actor=request.user, **data)
        messages.success(request, _("The survey was created. Now add its sections and questions."))
        return redirect("surveys:builder", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


@login_required
def survey_settings(request, pk: int):
    _staff(request)
    survey = get_object_or_404(Survey, pk=pk)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        fresh = get_object_or_404(Survey, pk=pk)
        saved = service_into_form(
            form, lambda: services.survey_update(actor=request.user, survey=fresh, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The survey settings were saved."))
            return redirect("surveys:builder", pk=pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@login_required
def builder(request, pk: int):
    _staff(request)
    survey = get_object_or_404(Survey, pk=pk)
    link = request.build_absolute_uri(f"{survey.get_absolute_url()}?clave={survey.link_token}")
    return render(
        request,
        "surveys/builder.html",
        {"survey": survey, "sections": selectors.survey_structure(survey=survey), "secret_link": link},
    )


@login_required
def preview(request, pk: int):
    _staff(request)
    survey = get_object_or_404(Survey, pk=pk)
    sections = selectors.survey_structure(survey=survey)
    forms = [(s, SectionAnswerForm(questions=s.question_list, auto_id=f"s{s.pk}_%s")) for s in sections]
    return render(request, "surveys/preview.html", {"survey": survey, "forms": forms})


@login_required
def section_new(request, pk: int):
    _staff(request)
    survey = get_object_or_404(Survey, pk=pk)
    form = SectionForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        fields = form.service_kwargs()
        section = service_into_form(form, lambda: services.section_create(actor=request.user, survey=survey, **fields))
        if section is not None:
            return redirect("surveys:builder", pk=survey.pk)
    return render(request, "surveys/item_form.html", {"form": form, "survey": survey, "title": _("New section")})


@login_required
def section_edit(request, pk: int):
    _staff(request)
    section = get_object_or_404(Section.objects.select_related("survey"), pk=pk)
    initial = {
        "title": section.title,
        "description": section.description,
        "condition": SectionForm.condition_initial(section),
    }
    form = SectionForm(request.POST or None, survey=section.survey, section=section, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.service_kwargs()
        saved = service_into_form(form, lambda: services.section_update(actor=request.user, section=section, **fields))
        if saved is not None:
            return redirect("surveys:builder", pk=section.survey_id)
    return render(
        request, "surveys/item_form.html", {"form": form, "survey": section.survey, "title": _("Edit section")}
    )


@login_required
@require_POST
def section_move(request, pk: int):
    _staff(request)
    section = get_object_or_404(Section, pk=pk)
    direction = request.POST.get("direction", "down")
    service_with_message(
        request, lambda: services.section_move(actor=request.user, section=section, direction=direction)
    )
    return redirect(f"{reverse('surveys:builder', args=[section.survey_id])}#seccion-{section.pk}")


@login_required
@require_POST
def section_delete(request, pk: int):
    _staff(request)
    section = get_object_or_404(Section, pk=pk)
    services.section_delete(actor=request.user, section=section)
    messages.success(request, _("The section was deleted."))
    return redirect("surveys:builder", pk=section.survey_id)


@login_required
def question_new(request, pk: int):
    _staff(request)
    section = get_object_or_404(Section.objects.select_related("survey"), pk=pk)
    form = QuestionForm(request.POST or None, section=section, initial={"scale": "5"})
    if request.method == "POST" and form.is_valid():
        question = service_into_form(
            form, lambda: services.question_create(actor=request.user, section=section, **form.service_kwargs())
        )
        if question is not None:
            return redirect(f"{reverse('surveys:builder', args=[section.survey_id])}#seccion-{section.pk}")
    return render(
        request,
        "surveys/item_form.html",
        {"form": form, "survey": section.survey, "title": _("New question in “%(s)s”") % {"s": section.title}},
    )


@login_required
def question_edit(request, pk: int):
    _staff(request)
    question = get_object_or_404(Question.objects.select_related("survey", "section"), pk=pk)
    form = QuestionForm(request.POST or None, section=question.section, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        saved = service_into_form(
            form, lambda: services.question_update(actor=request.user, question=question, **form.service_kwargs())
        )
        if saved is not None:
            return redirect(f"{reverse('surveys:builder', args=[question.survey_id])}#pregunta-{question.pk}")
    return render(
        request, "surveys/item_form.html", {"form": form, "survey": question.survey, "title": _("Edit question")}
    )


@login_required
@require_POST
def question_move(request, pk: int):
    _staff(request)
    question = get_object_or_404(Question, pk=pk)
    services.question_move(actor=request.user, question=question, direction=request.POST.get("direction", "down"))
    return redirect(f"{reverse('surveys:builder', args=[question.survey_id])}#pregunta-{question.pk}")


@login_required
@require_POST
def question_delete(request, pk: int):
    _staff(request)
    question = get_object_or_404(Question, pk=pk)
    services.question_delete(actor=request.user, question=question)
    messages.success(request, _("The question was deleted."))
    return redirect("surveys:builder", pk=question.survey_id)
