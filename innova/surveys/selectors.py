"""Reads of the surveys app: structure and visibility, results (aggregated in the database, cached), exports."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Max, Min, Sum
from django.utils.translation import gettext as _

from innova.territory.models import Upz

from .models import CHOICE_KINDS, Access, Answer, Kind, Question, Response, Section, Survey

# Results of a filtered group smaller than this are not shown (nor cross-tabulation cells): privacy.
MIN_GROUP = 5
RESULTS_CACHE_SECONDS = 24 * 60 * 60


def survey_open_list(*, user) -> list[Survey]:
    """Published surveys listed on the index: not the ones reached only by their secret link."""
    surveys = Survey.objects.filter(published=True).exclude(access=Access.LINK).order_by("-created_at")
    return [s for s in surveys if user.has_perm("surveys.view_survey", s)]


def survey_results_public_list() -> list[Survey]:
    """Surveys whose results everyone may read (open data): the ``surveys.view_results`` rule for a visitor
    without an account, leaving out the ones reached only by their secret link (their pages need the key)."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

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


# --- Results ---------------------------------------------------------------------------------------------------


@dataclass
class Filters:
    upz_id: int | None = None
    age_range: str = ""
    gender: str = ""

    @property
    def active(self) -> bool:
        return bool(self.upz_id or self.age_range or self.gender)

    def key(self) -> str:
        return f"{self.upz_id or ''}:{self.age_range}:{self.gender}"

    def responses(self, survey: Survey):
        queryset = Response.objects.filter(survey=survey, submitted_at__isnull=False)
        if self.upz_id:
            queryset = queryset.filter(upz_id=self.upz_id)
        if self.age_range:
            queryset = queryset.filter(age_range=self.age_range)
        if self.gender:
            queryset = queryset.filter(gender=self.gender)
        return queryset

    def answers(self, survey: Survey):
        queryset = Answer.objects.filter(survey=survey)
        if self.active:
            # Driven from the (few) responses of the group, through the covering index on response.
            queryset = Answer.objects.filter(response_id__in=self.responses(survey).values("pk"))
        return queryset


@dataclass
class Bar:
    label: str
    count: int
    percent: float
    score: bool = False  # the bar shows a mean on a scale (matrix, ranking), not a share of people


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    rows: list[tuple[str, list[Bar], int]] = field(default_factory=list)  # matrix: (row label, bars, answered)
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _bars(labels: dict[int, str], counts: dict, total: int) -> list[Bar]:
    return [Bar(label, counts.get(code, 0), _percent(counts.get(code, 0), total)) for code, label in labels.items()]


def survey_results(*, survey: Survey, filters: Filters | None = None) -> dict:
    """Per question counts and percentages, aggregated in the database (GROUP BY) and cached.

    The cache keeps the raw counts and the answer id they reach (``Survey.last_answer_id``, moved in the same
    transaction as each submission). When new responses arrive only the answers after that id are aggregated
    (a range of the primary key) and added, so the results stay live without recounting 100,000 responses.
    A filtered group below MIN_GROUP people is suppressed."""
    filters = filters or Filters()
    built_key = f"surveys:results:{survey.pk}:v{survey.results_version}:{filters.key()}"
    data = cache.get(built_key)
    if data is None:
        data = _results_counted(survey, filters)
        cache.set(built_key, data, RESULTS_CACHE_SECONDS)
    return data


def _results_counted(survey: Survey, filters: Filters) -> dict:
    total = filters.responses(survey).count() if filters.active else survey.response_count
    if filters.active and total < MIN_GROUP:
        return {"total": total, "suppressed": True, "questions": [], "version": survey.results_version}
    key = f"surveys:tally:{survey.pk}:{filters.key()}"
    watermark = survey.last_answer_id
    raw = cache.get(key)
    if raw is None or raw["watermark"] > watermark:
        raw = {"watermark": 0, "counts": {}, "numbers": {}}
    if raw["watermark"] < watermark:
        answers = filters.answers(survey)
        if raw["watermark"]:
            # The new answers only: a short range of the primary key.
            answers = answers.filter(pk__gt=raw["watermark"], pk__lte=watermark)
        else:
            # Everything: "id + 0" keeps the planner on the covering index instead of walking the whole table
            # by primary key (the index entries carry the id on SQLite).
            answers = answers.alias(id_plus=F("pk") + 0).filter(id_plus__lte=watermark)
        number_ids = list(Question.objects.filter(survey=survey, kind=Kind.NUMBER).values_list("pk", flat=True))
        _tally_add(raw, answers, number_ids)
        raw["watermark"] = watermark
        cache.set(key, raw, RESULTS_CACHE_SECONDS)
    return _results_build(survey, raw, total)


def _tally_add(raw: dict, answers, number_ids: list[int]) -> None:
    """Add the GROUP BY counts (and number sums) of ``answers`` to ``raw``: counts and sums merge by addition."""
    counts, numbers = raw["counts"], raw["numbers"]
    for question_id, row, choice, n in (
        answers.values_list("question_id", "row", "choice").annotate(n=Count("*")).order_by()
    ):
        counts[(question_id, row, choice)] = counts.get((question_id, row, choice), 0) + n
    if not number_ids:
        return
    for item in (
        answers.filter(question_id__in=number_ids, number__isnull=False)
        .values("question_id")
        .annotate(total=Sum("number"), n=Count("*"), low=Min("number"), high=Max("number"))
        .order_by()
    ):
        old = numbers.get(item["question_id"])
        if old is None:
            numbers[item["question_id"]] = [item["total"], item["n"], item["low"], item["high"]]
        else:
            numbers[item["question_id"]] = [
                old[0] + item["total"],
                old[1] + item["n"],
                min(old[2], item["low"]),
                max(old[3], item["high"]),
            ]


def _results_build(survey: Survey, raw: dict, total: int) -> dict:
    tally: dict[int, dict[int, dict]] = defaultdict(lambda: defaultdict(dict))
    for (question_id, row, choice), count in raw["counts"].items():
        tally[question_id][row][choice] = count
    questions = list(
        Question.objects.filter(survey=survey).select_related("section").order_by("section__order", "order", "pk")
    )
    stats = {
        question_id: {"mean": value[0] / value[1], "low": value[2], "high": value[3]}
        for question_id, value in raw["numbers"].items()
        if value[1]
    }
    results = []
    for question in questions:
        counts = tally.get(question.pk, {})
        result = QuestionResult(question=question)
        labels = code_labels(question)
        if question.kind in (Kind.SINGLE, Kind.SCALE, Kind.UPZ):
            row = counts.get(0, {})
            result.answered = sum(row.values())
            result.bars = _bars(labels, row, result.answered)
            if question.kind == Kind.UPZ:
                result.bars = [bar for bar in result.bars if bar.count]
            if question.kind == Kind.SCALE and result.answered:
                result.mean = round(sum(code * n for code, n in row.items() if code is not None) / result.answered, 2)
        elif question.kind == Kind.MULTIPLE:
            result.answered = sum(counts.get(-1, {}).values())
            result.bars = _bars(labels, counts.get(0, {}), result.answered)
        elif question.kind == Kind.MATRIX:
            low, high = question.scale_points[0], question.scale_points[-1]
            for index, row_label in enumerate(question.rows):
                row = counts.get(index, {})
                answered = sum(row.values())
                result.rows.append((row_label, _bars(labels, row, answered), answered))
                # One bar per row: its mean on the scale (the full distribution is in the table).
                mean = sum(code * n for code, n in row.items()) / answered if answered else low
                label = f"{row_label} ({mean:.1f})" if answered else row_label
                result.bars.append(Bar(label, answered, _percent(mean - low, high - low) if answered else 0, True))
            result.answered = max((r[2] for r in result.rows), default=0)
        elif question.kind == Kind.RANKING:
            # Average position of each item (1 = first); the bar shows a score where first place counts most.
            n_items = len(question.options)
            scored = []
            for index, label in enumerate(question.options):
                row = counts.get(index, {})
                answered = sum(row.values())
                mean = sum(code * n for code, n in row.items()) / answered if answered else 0
                scored.append((label, answered, mean))
            result.answered = max((s[1] for s in scored), default=0)
            result.bars = [
                Bar(f"{label} ({mean:.1f})", answered, _percent(n_items - mean + 1, n_items) if answered else 0, True)
                for label, answered, mean in sorted(scored, key=lambda s: s[2] or n_items + 1)
            ]
        else:
            result.answered = sum(counts.get(0, {}).values())
            if question.kind == Kind.NUMBER and question.pk in stats:
                item = stats[question.pk]
                result.mean = round(item["mean"], 2) if item["mean"] is not None else None
                result.minimum, result.maximum = item["low"], item["high"]
        results.append(result)
    return {"total": total, "suppressed": False, "questions": results, "version": survey.results_version}


def crosstab_questions(*, survey: Survey) -> list[Question]:
    return [
        q
        for q in Question.objects.filter(survey=survey).order_by("section__order", "order", "pk")
        if q.kind in CHOICE_KINDS
    ]


def survey_crosstab(*, survey: Survey, first: Question, second: Question, filters: Filters | None = None) -> dict:
    """Counts of respondents by (answer to ``first``, answer to ``second``); cells under MIN_GROUP are hidden."""
    filters = filters or Filters()
    key = f"surveys:crosstab:{survey.pk}:v{survey.results_version}:{first.pk}:{second.pk}:{filters.key()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    counts = {
        (a, b): n
        for a, b, n in filters.answers(survey)
        .filter(question=first, row=0, response__answers__question=second, response__answers__row=0)
        .values_list("choice", "response__answers__choice")
        .annotate(n=Count("*"))
        .order_by()
    }
    first_labels, second_labels = code_labels(first), code_labels(second)
    if first.kind == Kind.UPZ:
        first_labels = {c: label for c, label in first_labels.items() if any(k[0] == c for k in counts)}
    if second.kind == Kind.UPZ:
        second_labels = {c: label for c, label in second_labels.items() if any(k[1] == c for k in counts)}
    table = []
    for code, label in first_labels.items():
        cells = []
        for other in second_labels:
            n = counts.get((code, other), 0)
            cells.append(n if n == 0 or n >= MIN_GROUP else None)  # None: hidden small group
        table.append((label, cells))
    data = {"columns": list(second_labels.values()), "table": table, "min_group": MIN_GROUP}
    cache.set(key, data, RESULTS_CACHE_SECONDS)
    return data


def free_text_answers(*, question: Question, search: str = ""):
    queryset = Answer.objects.filter(question=question).exclude(text="").order_by("-response_id")
    if search:
        queryset = queryset.filter(text__icontains=search)
    return queryset.only("text", "response_id")


# --- Exports ---------------------------------------------------------------------------------------------------


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
    for number, question in enumerate(
        Question.objects.filter(survey=survey).order_by("section__order", "order", "pk"), start=1
    ):
        base = f"q{number}"
        kind_label = Kind(question.kind).label
        if question.kind == Kind.MULTIPLE:
            for index, option in enumerate(question.options, start=1):
                columns.append(
                    Column(
                        f"{base}_{index}",
                        question,
                        f"{question.text} — {option}",
                        kind_label,
                        "1 = " + _("chosen") + ", 0 = " + _("not chosen"),
                    )
                )
        elif question.kind == Kind.MATRIX:
            points = question.scale_points
            for index, row in enumerate(question.rows, start=1):
                columns.append(
                    Column(
                        f"{base}_{index}", question, f"{question.text} — {row}", kind_label, f"{points[0]}–{points[-1]}"
                    )
                )
        elif question.kind == Kind.RANKING:
            for index, option in enumerate(question.options, start=1):
                columns.append(
                    Column(
                        f"{base}_{index}",
                        question,
                        f"{question.text} — {option}",
                        kind_label,
                        _("position (1 = first)"),
                    )
                )
        elif question.kind == Kind.SINGLE:
            codes = "; ".join(f"{i} = {o}" for i, o in enumerate(question.options, start=1))
            columns.append(Column(base, question, question.text, kind_label, codes))
        elif question.kind == Kind.SCALE:
            points = question.scale_points
            columns.append(Column(base, question, question.text, kind_label, f"{points[0]}–{points[-1]}"))
        elif question.kind == Kind.UPZ:
            columns.append(Column(base, question, question.text, kind_label, _("UPZ name")))
        elif question.kind == Kind.DATE:
            columns.append(Column(base, question, question.text, kind_label, "AAAA-MM-DD"))
        elif question.kind == Kind.NUMBER:
            columns.append(Column(base, question, question.text, kind_label, _("number")))
        else:
            columns.append(Column(base, question, question.text, kind_label, _("free text")))
    return columns


def export_rows(*, survey: Survey, columns: list[Column]):
    """Yield one list of cells per submitted response, in column order (streams: memory stays flat)."""
    upz_names = dict(upz_choices())
    positions: dict[tuple, int] = {}
    for index, column in enumerate(columns):
        if column.question is None:
            continue
        question = column.question
        suffix = column.name.split("_", 1)
        row = int(suffix[1]) - 1 if len(suffix) == 2 else 0
        positions[(question.pk, row)] = index
    kinds = {c.question.pk: c.question for c in columns if c.question is not None}
    width = len(columns)

    def blank(response) -> list:
        cells = [""] * width
        cells[0] = response.pk
        cells[1] = response.submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        cells[2] = upz_names.get(response.upz_id, "")
        for (question_id, _row), index in positions.items():
            if kinds[question_id].kind == Kind.MULTIPLE:
                cells[index] = 0
        return cells

    responses = Response.objects.filter(survey=survey, submitted_at__isnull=False).order_by("pk")
    answers = (
        Answer.objects.filter(survey=survey)
        .order_by("response_id")
        .values_list("response_id", "question_id", "row", "choice", "number", "text")
        .iterator(chunk_size=5000)
    )
    pending = next(answers, None)
    for response in responses.only("pk", "submitted_at", "upz_id").iterator(chunk_size=2000):
        cells = blank(response)
        while pending is not None and pending[0] <= response.pk:
            if pending[0] == response.pk:
                _response_id, question_id, row, choice, number, text = pending
                question = kinds.get(question_id)
                if question is not None and row >= 0:
                    if question.kind == Kind.MULTIPLE:
                        index = positions.get((question_id, choice))
                        if index is not None:
                            cells[index] = 1
                    elif (index := positions.get((question_id, row))) is not None:
                        if question.kind == Kind.SINGLE:
                            cells[index] = choice + 1
                        elif question.kind == Kind.UPZ:
                            cells[index] = upz_names.get(choice, "")
                        elif question.kind in (Kind.SCALE, Kind.MATRIX, Kind.RANKING):
                            cells[index] = choice
                        elif question.kind == Kind.NUMBER:
                            cells[index] = int(number) if number is not None and number.is_integer() else number
                        else:
                            cells[index] = text
            pending = next(answers, None)
        yield cells


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
