"""Reads of the surveys app, one module per responsibility; callers use them through this package.

- ``structure``: the surveys listed, a survey's sections and questions, what a respondent sees given the answers so
  far (conditions), the way through it one section per screen (``answer_step``, ``section_after``,
  ``section_before``), and a person's own responses.
- ``results``: counts per question aggregated in the database and cached, filters, cross-tabulation, free text.

The exports (CSV, XLSX and their codebook) are ``surveys.exports``.
"""

from .results import (
    MIN_GROUP,
    Bar,
    Filters,
    QuestionResult,
    crosstab_questions,
    free_text_answers,
    survey_crosstab,
    survey_results,
)
from .structure import (
    Step,
    answer_step,
    code_labels,
    response_next_section,
    section_after,
    section_before,
    survey_open_list,
    survey_personal_data,
    survey_results_public_list,
    survey_structure,
    upz_choices,
    visible_answers,
    visible_questions,
    visible_sections,
)

__all__ = [
    "MIN_GROUP",
    "Bar",
    "Filters",
    "QuestionResult",
    "Step",
    "answer_step",
    "code_labels",
    "crosstab_questions",
    "free_text_answers",
    "response_next_section",
    "section_after",
    "section_before",
    "survey_crosstab",
    "survey_open_list",
    "survey_personal_data",
    "survey_results",
    "survey_results_public_list",
    "survey_structure",
    "upz_choices",
    "visible_answers",
    "visible_questions",
    "visible_sections",
]
