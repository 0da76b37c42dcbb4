"""The staff's builder: create a survey, its sections and questions, reorder them, preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_with_message

from .. import selectors, services
from ..forms import QuestionForm, SectionAnswerForm, SectionForm, SurveyForm
from ..models import Question, Section, Survey


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
    builder_url = reverse("surveys:builder", args=[survey.pk])
    saved = _saved(
        request, form, builder_url, lambda **f: services.section_create(actor=request.user, survey=survey, **f)
    )
    return saved or _item_form(request, form, survey, _("New section"))


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
    builder_url = reverse("surveys:builder", args=[section.survey_id])
    saved = _saved(
        request, form, builder_url, lambda **f: services.section_update(actor=request.user, section=section, **f)
    )
    return saved or _item_form(request, form, section.survey, _("Edit section"))


def _saved(request, form, done_url: str, save):
    """A valid POST of a builder form goes to ``save(**form.service_kwargs())``, then to ``done_url``; None to show
    the form again (not sent, not valid, or refused by the service: its error is put on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    fields = form.service_kwargs()
    if service_into_form(form, lambda: save(**fields)) is None:
        return None
    return redirect(done_url)


def _item_form(request, form, survey: Survey, title: str):
    return render(request, "surveys/item_form.html", {"form": form, "survey": survey, "title": title})


def section_move(request, pk: int):
    return _move(request, Section, pk, services.section_move, anchor="seccion")


def section_delete(request, pk: int):
    return _delete(request, Section, pk, services.section_delete, _("The section was deleted."))


@login_required
@require_POST
def _move(request, model, pk: int, move, *, anchor: str):
    """The move views (log-in, POST): one place up or down with ``move`` (the service), back to the builder at the
    item moved."""
    _staff(request)
    item = get_object_or_404(model, pk=pk)
    direction = request.POST.get("direction", "down")
    service_with_message(
        request, lambda: move(actor=request.user, **{model._meta.model_name: item}, direction=direction)
    )
    return redirect(f"{reverse('surveys:builder', args=[item.survey_id])}#{anchor}-{item.pk}")


@login_required
@require_POST
def _delete(request, model, pk: int, delete, done: str):
    """The delete views (log-in, POST): ``delete`` (the service), then back to the builder."""
    _staff(request)
    item = get_object_or_404(model, pk=pk)
    delete(actor=request.user, **{model._meta.model_name: item})
    messages.success(request, done)
    return redirect("surveys:builder", pk=item.survey_id)


@login_required
def question_new(request, pk: int):
    _staff(request)
    section = get_object_or_404(Section.objects.select_related("survey"), pk=pk)
    form = QuestionForm(request.POST or None, section=section, initial={"scale": "5"})
    at_section = f"{reverse('surveys:builder', args=[section.survey_id])}#seccion-{section.pk}"
    saved = _saved(
        request, form, at_section, lambda **f: services.question_create(actor=request.user, section=section, **f)
    )
    title = _("New question in “%(s)s”") % {"s": section.title}
    return saved or _item_form(request, form, section.survey, title)


@login_required
def question_edit(request, pk: int):
    _staff(request)
    question = get_object_or_404(Question.objects.select_related("survey", "section"), pk=pk)
    form = QuestionForm(request.POST or None, section=question.section, initial=QuestionForm.initial_for(question))
    at_question = f"{reverse('surveys:builder', args=[question.survey_id])}#pregunta-{question.pk}"
    saved = _saved(
        request, form, at_question, lambda **f: services.question_update(actor=request.user, question=question, **f)
    )
    return saved or _item_form(request, form, question.survey, _("Edit question"))


def question_move(request, pk: int):
    return _move(request, Question, pk, services.question_move, anchor="pregunta")


def question_delete(request, pk: int):
    return _delete(request, Question, pk, services.question_delete, _("The question was deleted."))
