"""Exports of a survey's responses: one row per response, one column per question or option, and a codebook.

``export_columns`` is the single list of columns: the CSV and XLSX header and the codebook sheet all read it.
"""

import itertools
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Answer, Kind, Question, Response, Survey
from .selectors import upz_choices


@dataclass
class Column:
    name: str
    question: Question | None
    label: str
    kind: str
    codes: str  # how to read the values


def export_columns(*, survey: Survey) -> list[Column]:
    """One column per question, or per option (multiple choice), matrix row or ranked item. The codebook sheet
    lists exactly these columns, so a researcher can read every cell."""
    columns = [
        Column("response", None, _("Response number"), "id", ""),
        Column("submitted_at", None, _("Submitted at (UTC)"), "datetime", "ISO 8601"),
        Column("upz", None, _("UPZ of the respondent"), "upz", _("UPZ name")),
    ]
    questions = Question.objects.filter(survey=survey).order_by("section__order", "order", "pk")
    for number, question in enumerate(questions, start=1):
        columns += _question_columns(f"q{number}", question)
    return columns


def _question_columns(base: str, question: Question) -> list[Column]:
    kind_label = Kind(question.kind).label
    if question.kind in (Kind.MULTIPLE, Kind.MATRIX, Kind.RANKING):
        # One column per option, matrix row or ranked item: "q3_1", "q3_2"…
        items = question.rows if question.kind == Kind.MATRIX else question.options
        codes = _codes(question)
        return [
            Column(f"{base}_{index}", question, f"{question.text} — {item}", kind_label, codes)
            for index, item in enumerate(items, start=1)
        ]
    return [Column(base, question, question.text, kind_label, _codes(question))]


def _codes(question: Question) -> str:
    """How to read the values of a question's column(s), for the codebook."""
    if question.kind == Kind.MULTIPLE:
        return "1 = " + _("chosen") + ", 0 = " + _("not chosen")
    if question.kind == Kind.RANKING:
        return _("position (1 = first)")
    if question.kind in (Kind.SCALE, Kind.MATRIX):
        points = question.scale_points
        return f"{points[0]}–{points[-1]}"
    if question.kind == Kind.SINGLE:
        return "; ".join(f"{i} = {o}" for i, o in enumerate(question.options, start=1))
    if question.kind == Kind.UPZ:
        return _("UPZ name")
    if question.kind == Kind.DATE:
        return "AAAA-MM-DD"
    if question.kind == Kind.NUMBER:
        return _("number")
    return _("free text")


class _Cells:
    """Where each answer of a response goes among the columns, and the value it writes there."""

    def __init__(self, columns: list[Column]):
        self.width = len(columns)
        self.upz_names = dict(upz_choices())
        self.questions = {c.question.pk: c.question for c in columns if c.question is not None}
        self.positions: dict[tuple, int] = {}
        for index, column in enumerate(columns):
            if column.question is not None:
                suffix = column.name.split("_", 1)
                row = int(suffix[1]) - 1 if len(suffix) == 2 else 0
                self.positions[(column.question.pk, row)] = index

    def blank(self, response) -> list:
        cells = [""] * self.width
        cells[0] = response.pk
        cells[1] = response.submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        cells[2] = self.upz_names.get(response.upz_id, "")
        for (question_id, _row), index in self.positions.items():
            if self.questions[question_id].kind == Kind.MULTIPLE:
                cells[index] = 0
        return cells

    def write(self, cells: list, question_id: int, row: int, choice, number, text) -> None:
        question = self.questions.get(question_id)
        if question is None or row < 0:
            return
        if question.kind == Kind.MULTIPLE:
            if (index := self.positions.get((question_id, choice))) is not None:
                cells[index] = 1
        elif (index := self.positions.get((question_id, row))) is not None:
            cells[index] = self._value(question, choice, number, text)

    def _value(self, question: Question, choice, number, text):
        if question.kind == Kind.SINGLE:
            return choice + 1
        if question.kind == Kind.UPZ:
            return self.upz_names.get(choice, "")
        if question.kind in (Kind.SCALE, Kind.MATRIX, Kind.RANKING):
            return choice
        if question.kind == Kind.NUMBER:
            return int(number) if number is not None and number.is_integer() else number
        return text


def export_rows(*, survey: Survey, columns: list[Column]):
    """Yield one list of cells per submitted response, in column order (streams: memory stays flat)."""
    layout = _Cells(columns)
    responses = Response.objects.filter(survey=survey, submitted_at__isnull=False).order_by("pk")
    answers = (
        Answer.objects.filter(survey=survey)
        .order_by("response_id")
        .values_list("response_id", "question_id", "row", "choice", "number", "text")
        .iterator(chunk_size=5000)
    )
    pending = next(answers, None)
    for response in responses.only("pk", "submitted_at", "upz_id").iterator(chunk_size=2000):
        cells = layout.blank(response)
        while pending is not None and pending[0] <= response.pk:
            if pending[0] == response.pk:
                layout.write(cells, *pending[1:])
            pending = next(answers, None)
        yield cells


def responses_table(*, survey: Survey, columns: list[Column] | None = None):
    """The header row, then one row per response (streamed): the CSV file, and the XLSX responses sheet."""
    columns = export_columns(survey=survey) if columns is None else columns
    return itertools.chain([[c.name for c in columns]], export_rows(survey=survey, columns=columns))


def responses_sheets(*, survey: Survey) -> list[tuple[str, object]]:
    """The workbook's sheets as ``(title, rows)``; the responses are read while the file is written."""
    columns = export_columns(survey=survey)
    codebook = [[_("Column"), _("Question"), _("Type"), _("Values")]]
    codebook += [[column.name, column.label, str(column.kind), column.codes] for column in columns]
    info = [[_("Title"), survey.title], [_("Responses"), survey.response_count]]
    return [
        (_("Responses"), responses_table(survey=survey, columns=columns)),
        (_("Codebook"), codebook),
        (_("Survey"), info),
    ]
