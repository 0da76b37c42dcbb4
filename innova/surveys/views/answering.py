"""Answering: the list of surveys, a survey's page, one section per screen, thanks."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from innova.core.service_results import service_or_message

from .. import selectors, services
from ..forms import SectionAnswerForm
from ..models import Access, Section, Survey
from .access import RESPONDENT, respondent_key, survey_for


def index(request):
    return render(request, "surveys/index.html", {"surveys": selectors.survey_open_list(user=request.user)})


def detail(request, slug: str):
    survey = survey_for(request, slug)
    key = respondent_key(request)
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
    return RESPONDENT.remember(request, render(request, "surveys/detail.html", context))


def answer(request, slug: str):
    """One section per screen (``?seccion=<id>``): each POST saves the section, then goes on, back, or submits."""
    survey = survey_for(request, slug)
    if (refused := _answer_refused(request, survey)) is not None:
        return refused
    key = respondent_key(request)
    if services.response_already_submitted(survey=survey, respondent_key=key):
        messages.info(request, _("You already answered this survey. Thank you!"))
        return redirect(survey)
    sections = selectors.survey_structure(survey=survey)
    response = services.response_current(survey=survey, respondent_key=key)
    requested = request.GET.get("seccion") or request.POST.get("seccion")
    step = selectors.answer_step(sections=sections, response=response, requested=requested)
    if step is None:
        raise Http404
    going_back = request.POST.get("action") == "back" and step.previous is not None
    if request.method == "POST":
        form = SectionAnswerForm(request.POST, questions=step.questions)
        if form.is_valid():
            saved = services.response_section_save(
                user=request.user, survey=survey, respondent_key=key, section=step.section, values=form.values()
            )
            return RESPONDENT.remember(request, _after_save(request, survey, sections, step, saved, going_back))
        if going_back:
            # Going back never gets stuck on this screen's errors; what was valid before stays saved.
            return RESPONDENT.remember(request, _to_section(survey, step.previous))
        messages.error(request, _("Some answers need a correction. They are marked below."))
    else:
        form = SectionAnswerForm(questions=step.questions, draft=response.draft if response else {})
    return RESPONDENT.remember(request, render(request, "surveys/answer.html", _answer_context(survey, step, form)))


def _answer_refused(request, survey: Survey):
    """Not open to this person: a visitor who could answer once logged in goes to log in; anyone else, 403."""
    if request.user.has_perm("surveys.answer_survey", survey):
        return None
    if not request.user.is_authenticated and (survey.identified or survey.access != Access.EVERYONE):
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("This survey is not open to you right now."))


def _after_save(request, survey: Survey, sections: list[Section], step, response, going_back: bool):
    """After a section is saved: back, on to the next section still to answer, or submit after the last."""
    if going_back:
        return _to_section(
            survey, selectors.section_before(sections=sections, draft=response.draft, section=step.section)
        )
    following = selectors.section_after(sections=sections, response=response, section=step.section)
    if following is not None:
        return _to_section(survey, following)
    submitted = service_or_message(
        request, lambda: services.response_submit(user=request.user, survey=survey, response=response)
    )
    if submitted is None:
        return redirect(reverse("surveys:answer", args=[survey.slug]))
    return redirect("surveys:thanks", slug=survey.slug)


def _answer_context(survey: Survey, step: selectors.Step, form: SectionAnswerForm) -> dict:
    return {
        "survey": survey,
        "section": step.section,
        "form": form,
        "step": step.number,
        "steps": step.total,
        "is_last": step.is_last,
        "previous": step.previous,
    }


def _to_section(survey: Survey, section: Section):
    return redirect(f"{reverse('surveys:answer', args=[survey.slug])}?seccion={section.pk}")


def thanks(request, slug: str):
    survey = survey_for(request, slug)
    return render(
        request,
        "surveys/thanks.html",
        {"survey": survey, "may_see_results": request.user.has_perm("surveys.view_results", survey)},
    )
