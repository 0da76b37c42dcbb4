"""Results of a survey: counts aggregated in the database and cached, filters, cross-tabulation, free text."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Max, Min, Sum

from ..models import CHOICE_KINDS, Answer, Kind, Question, Response, Survey
from .structure import code_labels

# Results of a filtered group smaller than this are not shown (nor cross-tabulation cells): privacy.
MIN_GROUP = 5
RESULTS_CACHE_SECONDS = 24 * 60 * 60


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
    questions = (
        Question.objects.filter(survey=survey).select_related("section").order_by("section__order", "order", "pk")
    )
    results = [_question_result(question, tally.get(question.pk, {}), raw["numbers"]) for question in questions]
    return {"total": total, "suppressed": False, "questions": results, "version": survey.results_version}


def _question_result(question: Question, counts: dict, numbers: dict) -> QuestionResult:
    """One question's result from its counts by ``row`` then ``choice``."""
    result = QuestionResult(question=question)
    if question.kind in (Kind.SINGLE, Kind.SCALE, Kind.UPZ):
        _single_result(result, counts.get(0, {}))
    elif question.kind == Kind.MULTIPLE:
        result.answered = sum(counts.get(-1, {}).values())
        result.bars = _bars(code_labels(question), counts.get(0, {}), result.answered)
    elif question.kind == Kind.MATRIX:
        _matrix_result(result, counts)
    elif question.kind == Kind.RANKING:
        _ranking_result(result, counts)
    else:
        result.answered = sum(counts.get(0, {}).values())
        sums = numbers.get(question.pk)
        if question.kind == Kind.NUMBER and sums and sums[1]:
            total, n, result.minimum, result.maximum = sums
            result.mean = round(total / n, 2)
    return result


def _single_result(result: QuestionResult, row: dict) -> None:
    question = result.question
    result.answered = sum(row.values())
    result.bars = _bars(code_labels(question), row, result.answered)
    if question.kind == Kind.UPZ:
        result.bars = [bar for bar in result.bars if bar.count]
    if question.kind == Kind.SCALE and result.answered:
        result.mean = round(sum(code * n for code, n in row.items() if code is not None) / result.answered, 2)


def _matrix_result(result: QuestionResult, counts: dict) -> None:
    question = result.question
    labels = code_labels(question)
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


def _ranking_result(result: QuestionResult, counts: dict) -> None:
    """Average position of each item (1 = first); the bar shows a score where first place counts most."""
    n_items = len(result.question.options)
    scored = []
    for index, label in enumerate(result.question.options):
        row = counts.get(index, {})
        answered = sum(row.values())
        mean = sum(code * n for code, n in row.items()) / answered if answered else 0
        scored.append((label, answered, mean))
    result.answered = max((s[1] for s in scored), default=0)
    result.bars = [
        Bar(f"{label} ({mean:.1f})", answered, _percent(n_items - mean + 1, n_items) if answered else 0, True)
        for label, answered, mean in sorted(scored, key=lambda s: s[2] or n_items + 1)
    ]


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
