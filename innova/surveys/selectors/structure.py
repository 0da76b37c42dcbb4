"""A survey's structure and what each respondent sees of it: sections, conditions, and the way through."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from innova.territory.models import Upz

from ..models import Access, Kind, Question, Response, Section, Survey


def survey_open_list(*, user) -> list[Survey]:
    """Published surveys listed on the index: not the ones reached only by their secret link."""
    surveys = Survey.objects.filter(published=True).exclude(access=Access.LINK).order_by("-created_at")
    return [s for s in surveys if user.has_perm("surveys.view_survey", s)]


def survey_results_public_list() -> list[Survey]:
    """Surveys whose results everyone may read (open data): the ``surveys.view_results`` rule for a visitor
    without an account, leaving out the ones reached only by their secret link (their pages need the key)."""
    visitor = AnonymousUser()
    surveys = (
        Survey.objects.filter(published=True, results_public=True, closes_at__lte=timezone.now())
        .exclude(access=Access.LINK)
        .order_by("id")
    )
    return [s for s in surveys if visitor.has_perm("surveys.view_results", s)]


def survey_structure(*, survey: Survey) -> list[Section]:
    """Sections in order, each with ``question_list`` in order (two queries)."""
    sections = list(survey.sections.all())
    by_section = defaultdict(list)
    for question in Question.objects.filter(survey=survey).order_by("order", "pk"):
        by_section[question.section_id].append(question)
    for section in sections:
        section.question_list = by_section[section.pk]
    return sections


def upz_choices() -> list[tuple[int, str]]:
    return list(Upz.objects.order_by("code").values_list("pk", "name"))


def code_labels(question: Question) -> dict[int, str]:
    """Code → label for the kinds answered with codes."""
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING):
        return dict(enumerate(question.options))
    if question.kind in (Kind.SCALE, Kind.MATRIX):
        return {point: str(point) for point in question.scale_points}
    if question.kind == Kind.UPZ:
        return dict(upz_choices())
    return {}


def _matches(obj, kept: dict) -> bool:
    if not obj.has_condition:
        return True
    value = kept.get(str(obj.condition_question_id))
    if value is None:
        return False
    values = {int(v) for v in obj.condition_values}
    if isinstance(value, list):
        return bool(values.intersection(value))
    return value in values


def visible_sections(*, sections: list[Section], draft: dict) -> list[Section]:
    """The sections shown given the answers so far (conditions only look at earlier sections)."""
    kept = visible_answers(sections=sections, draft=draft)
    return [s for s in sections if _matches(s, kept)]


def visible_questions(*, section: Section, draft: dict, sections: list[Section]) -> list[Question]:
    kept = visible_answers(sections=sections, draft=draft)
    return [q for q in section.question_list if _matches(q, kept)]


def visible_answers(*, sections: list[Section], draft: dict) -> dict:
    """The answers of ``draft`` that are still visible, walking in order: an answer to a question that a later
    change hid is dropped, and so is everything that depended on it. Hidden answers are never stored."""
    kept: dict = {}
    for section in sections:
        if not _matches(section, kept):
            continue
        for question in section.question_list:
            key = str(question.pk)
            if _matches(question, kept) and draft.get(key) not in (None, "", [], {}):
                kept[key] = draft[key]
    return kept


# --- The way through, one section per screen -------------------------------------------------------------------


def response_next_section(*, response: Response | None, sections: list[Section]) -> Section | None:
    """The first visible section not yet saved; None when every visible section is done."""
    draft = response.draft if response else {}
    done = set(response.sections_done) if response else set()
    for section in visible_sections(sections=sections, draft=draft):
        if section.pk not in done:
            return section
    return None


@dataclass(frozen=True)
class Step:
    """The section on screen among the visible ones, and its visible questions."""

    section: Section
    visible: list[Section]
    questions: list[Question]

    @property
    def number(self) -> int:
        return self.visible.index(self.section) + 1

    @property
    def total(self) -> int:
        return len(self.visible)

    @property
    def previous(self) -> Section | None:
        return self.visible[self.number - 2] if self.number > 1 else None

    @property
    def is_last(self) -> bool:
        return self.number == self.total


def answer_step(*, sections: list[Section], response: Response | None, requested: str | None) -> Step | None:
    """The screen to show: the requested section if visible, else the first one not yet saved, else the last.
    None when no section is visible at all."""
    draft = response.draft if response else {}
    visible = visible_sections(sections=sections, draft=draft)
    if not visible:
        return None
    section = next((s for s in visible if str(s.pk) == requested), None)
    if section is None:
        section = response_next_section(response=response, sections=sections) or visible[-1]
    return Step(section, visible, visible_questions(section=section, draft=draft, sections=sections))


def section_before(*, sections: list[Section], draft: dict, section: Section) -> Section:
    """Where "back" goes after saving ``section``: the visible section before it, given the answers now saved."""
    visible = visible_sections(sections=sections, draft=draft)
    index = next((i for i, s in enumerate(visible) if s.pk == section.pk), 1)
    return visible[max(index - 1, 0)]


def section_after(*, sections: list[Section], response: Response, section: Section) -> Section | None:
    """Where "continue" goes after saving ``section``: forward in order (someone who went back to edit walks the
    next parts again); after the last part, any part still missing; None when all is done (time to submit)."""
    visible = visible_sections(sections=sections, draft=response.draft)
    index = next((i for i, s in enumerate(visible) if s.pk == section.pk), len(visible))
    if index + 1 < len(visible):
        return visible[index + 1]
    return response_next_section(response=response, sections=sections)


# --- Personal data ---------------------------------------------------------------------------------------------


def survey_personal_data(user) -> dict:
    """Identified responses a person gave (anonymous ones are not linked to anyone)."""
    return {
        "responses": [
            {
                "survey": r.survey.title,
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                "answers": r.draft,
            }
            for r in Response.objects.filter(user=user).select_related("survey")
        ]
    }
