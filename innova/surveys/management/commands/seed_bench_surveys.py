"""Seed benchmark volumes: `manage.py seed_bench_surveys --surveys 4 --closed 2 --responses 100000`.

``--surveys`` published surveys of 20 questions of every type (slugs bench-seguridad, bench-seguridad-2…) share
``--responses`` submitted responses; the last ``--closed`` ones are closed with public results, the others open.
Bulk inserts: COPY on PostgreSQL, executemany elsewhere. A survey that already has its responses is kept.
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from innova.core.seeding import rows_copy, statistics_refresh
from innova.core.testing import baseline_data_ensure
from innova.surveys.models import Question, Response, Section, Survey
from innova.territory.models import Upz

SLUG = "bench-seguridad"
# 20 questions: (kind, options or rows, minimum, maximum)
QUESTIONS = [
    ("upz", [], None, None),
    ("single", ["Sí", "No"], None, None),
    ("single", ["Muy seguro", "Seguro", "Inseguro", "Muy inseguro"], None, None),
    ("single", ["Casa", "Apartamento", "Pieza", "Otro"], None, None),
    ("single", ["Primaria", "Bachillerato", "Técnico", "Universitario", "Ninguno"], None, None),
    ("single", ["Sí", "No", "No sabe"], None, None),
    ("multiple", ["Hurto", "Riña", "Acoso", "Drogas", "Otro"], 1, 3),
    ("multiple", ["Parque", "Paradero", "Calle", "Casa", "Colegio"], 1, 3),
    ("multiple", ["Luz", "Policía", "Cámaras", "Vecinos"], 1, 2),
    ("scale", [], 1, 5),
    ("scale", [], 1, 5),
    ("scale", [], 0, 10),
    ("scale", [], 0, 10),
    ("matrix", ["Alumbrado", "Policía", "Parques"], 1, 5),
    ("matrix", ["Junta", "Alcaldía", "Vecinos"], 1, 5),
    ("ranking", ["Luz", "Policía", "Parques", "Frentes", "Cámaras"], None, None),
    ("number", [], 0, 100),
    ("number", [], 0, 20),
    ("short_text", [], None, None),
    ("long_text", [], None, None),
]
TEXTS = ["Falta alumbrado", "Robos en el paradero", "Más policía en la noche", "Recuperar el parque", "Nada"]
RESPONSE_COLUMNS = [
    "id",
    "survey_id",
    "respondent_key",
    "started_at",
    "updated_at",
    "submitted_at",
    "upz_id",
    "age_range",
    "gender",
    "draft",
    "sections_done",
]
ANSWER_COLUMNS = ["survey_id", "response_id", "question_id", "row", "choice", "number", "text"]


def bench_slug(index: int) -> str:
    return SLUG if index == 0 else f"{SLUG}-{index + 1}"


class Command(BaseCommand):
    help = "Seed benchmark volumes of surveys and their responses."

    def add_arguments(self, parser):
        parser.add_argument("--surveys", type=int, default=1)
        parser.add_argument("--closed", type=int, default=0, help="how many of them are closed, results public")
        parser.add_argument("--responses", type=int, default=100_000, help="in all, shared by the surveys")

    def handle(self, *args, surveys: int, closed: int, responses: int, **options):
        baseline_data_ensure()
        started = time.perf_counter()
        seeded = 0
        for index in range(surveys):
            share = responses // surveys + (1 if index < responses % surveys else 0)
            seeded += survey_seed(slug=bench_slug(index), responses=share, closed=index >= surveys - closed)
        if seeded:
            statistics_refresh("surveys_answer", "surveys_response", vacuum=True)
        self.stdout.write(
            f"seeded: surveys={Survey.objects.filter(slug__startswith=SLUG).count()} "
            f"survey_responses={Response.objects.count()} (new {seeded}) in {time.perf_counter() - started:.0f} s"
        )


def survey_seed(*, slug: str, responses: int, closed: bool) -> int:
    """One bench survey with ``responses`` submitted responses; returns how many responses were inserted."""
    survey = Survey.objects.filter(slug=slug).first()
    if survey is not None and survey.response_count >= responses:  # seeded before (plus responses added by runs)
        return 0
    if survey is not None:
        survey.delete()
    now = timezone.now()
    survey = Survey.objects.create(
        title=f"Bench: seguridad ({slug})",
        slug=slug,
        published=True,
        closes_at=now - timezone.timedelta(days=1) if closed else None,
        results_public=closed,
    )
    sections = [Section.objects.create(survey=survey, title=f"Parte {n + 1}", order=n + 1) for n in range(4)]
    questions = [
        Question.objects.create(
            survey=survey,
            section=sections[index // 5],
            kind=kind,
            text=f"Pregunta {index + 1} ({kind})",
            order=index,
            options=labels if kind in ("single", "multiple", "ranking") else [],
            rows=labels if kind == "matrix" else [],
            minimum=low,
            maximum=high,
        )
        for index, (kind, labels, low, high) in enumerate(QUESTIONS)
    ]
    upzs = list(Upz.objects.values_list("pk", flat=True))
    rng = random.Random(3)  # repeatable bench data, not security  # nosec B311
    first_id = (Response.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    upz_of = [rng.choice(upzs) for _ in range(responses)]
    response_rows = (
        (first_id + n, survey.pk, f"{slug}-{n}", now, now, now, upz_of[n], "", "", "{}", "[]") for n in range(responses)
    )
    answer_rows = (
        row
        for n in range(responses)
        for question in questions
        for row in _answers(question, rng, survey.pk, first_id + n, upz_of[n])
    )
    with transaction.atomic():
        rows_copy(table="surveys_response", columns=RESPONSE_COLUMNS, rows=response_rows)
        rows_copy(table="surveys_answer", columns=ANSWER_COLUMNS, rows=answer_rows)
        with connection.cursor() as cursor:
            cursor.execute("SELECT MAX(id) FROM surveys_answer WHERE survey_id = %s", [survey.pk])
            last_answer_id = cursor.fetchone()[0] or 0
        Survey.objects.filter(pk=survey.pk).update(
            response_count=responses, results_version=1, last_answer_id=last_answer_id
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), {first_id + responses})")
    return responses


def _answers(question, rng, survey_id: int, response_id: int, upz: int) -> list[tuple]:
    kind = question.kind
    base = (survey_id, response_id, question.pk)
    if kind == "upz":
        return [(*base, 0, upz, None, "")]
    if kind == "single":
        return [(*base, 0, rng.randrange(len(question.options)), None, "")]
    if kind == "multiple":
        chosen = rng.sample(range(len(question.options)), rng.randint(1, question.maximum))
        return [(*base, -1, None, None, "")] + [(*base, 0, c, None, "") for c in chosen]
    if kind == "scale":
        return [(*base, 0, rng.randint(question.minimum, question.maximum), None, "")]
    if kind == "matrix":
        return [(*base, r, rng.randint(1, 5), None, "") for r in range(len(question.rows))]
    if kind == "ranking":
        order = rng.sample(range(1, len(question.options) + 1), len(question.options))
        return [(*base, i, p, None, "") for i, p in enumerate(order)]
    if kind == "number":
        return [(*base, 0, None, float(rng.randint(question.minimum, question.maximum)), "")]
    if rng.random() < 0.3:  # free text: most people leave it empty
        return [(*base, 0, None, None, rng.choice(TEXTS))]
    return []
