"""Writes of the surveys app: the builder (staff) and answering (section by section, then submit)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.permissions import require_perm

from .models import CHOICE_KINDS, SURVEY_SETTINGS, Answer, Kind, Question, Response, Section, Survey
from .selectors import response_next_section, survey_structure, visible_answers, visible_questions, visible_sections

# --- Builder ---------------------------------------------------------------------------------------------------


@transaction.atomic
def survey_create(*, actor, title: str, slug: str, **fields) -> Survey:
    require_perm(actor, "surveys.manage_survey")
    values = {k: v for k, v in fields.items() if k in SURVEY_SETTINGS}
    _window_check(values.get("opens_at"), values.get("closes_at"))
    return Survey.objects.create(title=title.strip(), slug=slug, created_by=actor, **values)


@transaction.atomic
def survey_update(*, actor, survey: Survey, **fields) -> Survey:
    require_perm(actor, "surveys.manage_survey", survey)
    for name, value in fields.items():
        if name in SURVEY_SETTINGS:
            setattr(survey, name, value)
    _window_check(survey.opens_at, survey.closes_at)
    # Only the settings: the counters (responses, version, watermark) move in the database with F().
    survey.save(update_fields=list(SURVEY_SETTINGS))
    return survey


def _window_check(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError(_("The survey must close after it opens."))


def _condition_check(*, survey: Survey, section: Section | None, condition_question, condition_values) -> list:
    """A condition looks at a countable question of an earlier section, so a page never depends on itself."""
    if condition_question is None:
        return []
    if condition_question.survey_id != survey.pk or condition_question.kind not in CHOICE_KINDS:
        raise ValidationError(_("A condition must use a choice, scale or UPZ question of this survey."))
    if section is not None and condition_question.section.order >= section.order:
        raise ValidationError(_("A condition can only use a question of an earlier section."))
    values = sorted({int(v) for v in condition_values})
    if not values:
        raise ValidationError(_("Choose the answers that show it."))
    return values


def _structure_changed(survey_id: int) -> None:
    """Question texts or order changed: cached result pages (keyed by version) must be rendered again."""
    Survey.objects.filter(pk=survey_id).update(results_version=F("results_version") + 1)


def _next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def section_create(
    *, actor, survey: Survey, title: str, description: str = "", condition_question=None, condition_values=()
) -> Section:
    require_perm(actor, "surveys.manage_survey", survey)
    section = Section(
        survey=survey, title=title.strip(), description=description.strip(), order=_next_order(survey.sections)
    )
    return _section_save(section, condition_question, condition_values)


@transaction.atomic
def section_update(
    *, actor, section: Section, title: str, description: str = "", condition_question=None, condition_values=()
) -> Section:
    require_perm(actor, "surveys.manage_survey", section.survey)
    section.title, section.description = title.strip(), description.strip()
    return _section_save(section, condition_question, condition_values)


def _section_save(section: Section, condition_question, condition_values) -> Section:
    section.condition_values = _condition_check(
        survey=section.survey, section=section, condition_question=condition_question, condition_values=condition_values
    )
    section.condition_question = condition_question if section.condition_values else None
    section.save()
    _structure_changed(section.survey_id)
    return section


@transaction.atomic
def section_delete(*, actor, section: Section) -> None:
    _delete(actor, section)


def _delete(actor, item: Section | Question) -> None:
    require_perm(actor, "surveys.manage_survey", item.survey)
    item.delete()
    _structure_changed(item.survey_id)


def _swap(model, obj, siblings, direction: str) -> None:
    """Move ``obj`` one place up or down among ``siblings`` (renumbered 1..n so ties never stick)."""
    items = list(siblings.select_for_update().order_by("order", "pk"))
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for order, item in enumerate(items, start=1):
        item.order = order
    model.objects.bulk_update(items, ["order"])


@transaction.atomic
def section_move(*, actor, section: Section, direction: str) -> None:
    require_perm(actor, "surveys.manage_survey", section.survey)
    _swap(Section, section, Section.objects.filter(survey_id=section.survey_id), direction)
    if not _conditions_in_order(section.survey_id):
        raise ValidationError(_("This move would put a condition before the question it depends on."))
    _structure_changed(section.survey_id)


def _conditions_in_order(survey_id: int) -> bool:
    """Every condition still looks at a question of an earlier section."""
    order = dict(Section.objects.filter(survey_id=survey_id).values_list("pk", "order"))
    section_of = dict(Question.objects.filter(survey_id=survey_id).values_list("pk", "section_id"))
    sections = Section.objects.filter(survey_id=survey_id, condition_question__isnull=False)
    questions = Question.objects.filter(survey_id=survey_id, condition_question__isnull=False)
    return all(order[section_of[s.condition_question_id]] < s.order for s in sections) and all(
        order[section_of[q.condition_question_id]] < order[q.section_id] for q in questions
    )


def _question_check(kind: str, options: list, rows: list, minimum, maximum) -> tuple:
    options = [o.strip() for o in options if o.strip()]
    rows = [r.strip() for r in rows if r.strip()]
    if kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING) and len(options) < 2:
        raise ValidationError(_("Write at least two options, one per line."))
    if kind == Kind.MATRIX and not rows:
        raise ValidationError(_("Write at least one row, one per line."))
    if kind in (Kind.SCALE, Kind.MATRIX):
        minimum, maximum = (0, 10) if maximum == 10 else (1, 5)
    if kind == Kind.MULTIPLE:
        if minimum is not None and minimum > len(options) or maximum is not None and maximum > len(options):
            raise ValidationError(_("The minimum and maximum cannot exceed the number of options."))
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValidationError(_("The minimum cannot be greater than the maximum."))
    if kind not in (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING):
        options = []
    if kind != Kind.MATRIX:
        rows = []
    if kind not in (Kind.MULTIPLE, Kind.NUMBER, Kind.SCALE, Kind.MATRIX):
        minimum = maximum = None
    return options, rows, minimum, maximum


def _question_values(
    *,
    section: Section,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    options=(),
    rows=(),
    minimum=None,
    maximum=None,
    condition_question=None,
    condition_values=(),
) -> dict:
    """The checked fields of a question in ``section``: what creating and editing one both write."""
    options, rows, minimum, maximum = _question_check(kind, list(options), list(rows), minimum, maximum)
    values = _condition_check(
        survey=section.survey, section=section, condition_question=condition_question, condition_values=condition_values
    )
    return {
        "kind": kind,
        "text": text.strip(),
        "help_text": help_text.strip(),
        "required": required,
        "options": options,
        "rows": rows,
        "minimum": minimum,
        "maximum": maximum,
        "condition_question": condition_question if values else None,
        "condition_values": values,
    }


@transaction.atomic
def question_create(*, actor, section: Section, **spec) -> Question:
    """A new question at the end of ``section``; ``spec`` is what ``_question_values`` takes (kind, text…)."""
    require_perm(actor, "surveys.manage_survey", section.survey)
    fields = _question_values(section=section, **spec)
    _structure_changed(section.survey_id)
    return Question.objects.create(
        survey=section.survey, section=section, order=_next_order(section.questions), **fields
    )


@transaction.atomic
def question_update(*, actor, question: Question, **spec) -> Question:
    """Edit a question; ``spec`` as for ``question_create``. Its type is fixed once the survey has answers."""
    require_perm(actor, "surveys.manage_survey", question.survey)
    if question.survey.response_count and spec.get("kind") != question.kind:
        raise ValidationError(_("The survey already has answers: the type of a question cannot change."))
    for name, value in _question_values(section=question.section, **spec).items():
        setattr(question, name, value)
    question.save()
    _structure_changed(question.survey_id)
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    _delete(actor, question)


@transaction.atomic
def question_move(*, actor, question: Question, direction: str) -> None:
    require_perm(actor, "surveys.manage_survey", question.survey)
    _swap(Question, question, Question.objects.filter(section_id=question.section_id), direction)
    _structure_changed(question.survey_id)


# --- Answering -------------------------------------------------------------------------------------------------


def response_current(*, survey: Survey, respondent_key: str) -> Response | None:
    """The answer in progress of this person or browser, if any."""
    return Response.objects.filter(survey=survey, respondent_key=respondent_key, submitted_at__isnull=True).first()


def response_already_submitted(*, survey: Survey, respondent_key: str) -> bool:
    return (
        not survey.allow_multiple
        and Response.objects.filter(survey=survey, respondent_key=respondent_key, submitted_at__isnull=False).exists()
    )


def _answer_check(user, survey: Survey, respondent_key: str) -> None:
    require_perm(user, "surveys.answer_survey", survey, message=_("This survey is not open to you right now."))
    if response_already_submitted(survey=survey, respondent_key=respondent_key):
        raise PermissionDenied(_("You already answered this survey. Thank you!"))


@transaction.atomic
def response_section_save(*, user, survey: Survey, respondent_key: str, section: Section, values: dict) -> Response:
    """Save the answers of one section (validated by the form) so nothing is lost if the connection drops."""
    _answer_check(user, survey, respondent_key)
    response = response_current(survey=survey, respondent_key=respondent_key)
    if response is None:
        response = Response(
            survey=survey,
            respondent_key=respondent_key,
            once_key=None if survey.allow_multiple else respondent_key,
            user=user if survey.identified and user.is_authenticated else None,
        )
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError as error:
            raise PermissionDenied(_("You already answered this survey. Thank you!")) from error
    response.draft.update({key: value for key, value in values.items()})
    if section.pk not in response.sections_done:
        response.sections_done.append(section.pk)
    response.save(update_fields=["draft", "sections_done", "updated_at"])
    return response


@transaction.atomic
def response_submit(*, user, survey: Survey, response: Response) -> Response:
    """Turn the draft into Answer rows. Answers to questions hidden by a condition are dropped, never stored."""
    _answer_check(user, survey, response.respondent_key)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.submitted_at is not None:
        return response
    sections = survey_structure(survey=survey)
    if response_next_section(response=response, sections=sections) is not None:
        raise ValidationError(_("Some sections are still unanswered."))
    kept = visible_answers(sections=sections, draft=response.draft)
    questions = {str(q.pk): q for s in sections for q in s.question_list}
    for section in visible_sections(sections=sections, draft=kept):
        for question in visible_questions(section=section, draft=kept, sections=sections):
            if question.required and str(question.pk) not in kept:
                raise ValidationError(_("Some required questions are still unanswered."))
    rows = []
    for key, value in kept.items():
        question = questions[key]
        rows.extend(answer_rows(question=question, value=value))
        if question.kind == Kind.UPZ and response.upz_id is None:
            response.upz_id = value
    # Lock the survey row first: submissions of one survey then insert their answers one after the other, so answer
    # ids grow in commit order and ``last_answer_id`` is a watermark results can trust.
    Survey.objects.filter(pk=survey.pk).update(
        results_version=F("results_version") + 1, response_count=F("response_count") + 1
    )
    for row in rows:
        row.survey_id, row.response_id = survey.pk, response.pk
    created = Answer.objects.bulk_create(rows)
    if created:
        Survey.objects.filter(pk=survey.pk).update(last_answer_id=max(answer.pk for answer in created))
    if user.is_authenticated and user.sensitive_consent_at:
        # Optional profile data, only with its own consent, and only ever shown aggregated.
        response.age_range, response.gender = user.age_range, user.gender
        if response.upz_id is None:
            response.upz_id = user.upz_id
    response.draft = kept
    response.submitted_at = timezone.now()
    response.save()
    return response


def answer_rows(*, question: Question, value) -> list[Answer]:
    """The Answer rows for one question's value (shape documented on ``Answer``)."""
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.SCALE, Kind.UPZ):
        return [Answer(question=question, choice=int(value))]
    if kind == Kind.MULTIPLE:
        # row -1 marks "answered this question": the base of the percentages.
        return [Answer(question=question, row=-1)] + [Answer(question=question, choice=int(v)) for v in value]
    if kind in (Kind.MATRIX, Kind.RANKING):
        return [Answer(question=question, row=int(row), choice=int(point)) for row, point in value.items()]
    if kind == Kind.NUMBER:
        return [Answer(question=question, number=float(value))]
    return [Answer(question=question, text=str(value))]


def surveys_erase_user(user) -> None:
    """Account deletion: identified responses stay in the results, no longer linked to the person."""
    Response.objects.filter(user=user).update(user=None, draft={})
