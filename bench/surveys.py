"""Survey results page with 20 questions and 100,000 responses: `python -m bench.surveys [--responses 100000]`.

Seeds (once) a survey of 20 questions of every type and its responses with bulk inserts (COPY on PostgreSQL,
executemany on SQLite) into PostgreSQL when DATABASE_URL is set, else into a SQLite file in /tmp. Then measures
the staff results page through Django's test client (the whole stack: middleware, session, permission, template):
- first view: nothing cached, the GROUP BY runs over every answer;
- right after a new response (submitted through the services): only the answers after the cached watermark
  are aggregated and added;
- cached: nothing new since the last view.
Prints p50/p95/max latency per case; the target is p95 ≤ 300 ms. It never asserts on time.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path(os.environ.get("BENCH_SQLITE", "/tmp/innova-bench-surveys.sqlite3"))  # noqa: S108 - scratch file
SLUG = "bench-seguridad"


def setup_django() -> str:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_PATH}")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdefghij")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DB_CONN_MAX_AGE", "60")  # keep the connection, as a pooled server does
    os.environ["DJANGO_SETTINGS_MODULE"] = "innova.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # No collectstatic in a bench: plain static URLs instead of the hashed manifest (same cost per URL).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection

    return connection.vendor


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


def seed(responses: int, vendor: str):
    from django.db import connection, transaction
    from django.utils import timezone

    from innova.core.testing import baseline_data_ensure
    from innova.surveys.models import Question, Response, Section, Survey
    from innova.territory.models import Upz

    baseline_data_ensure()
    survey = Survey.objects.filter(slug=SLUG).first()
    if survey is not None and survey.response_count >= responses:  # seeded before (plus responses added by runs)
        return survey
    if survey is not None:
        survey.delete()
    started = time.perf_counter()
    survey = Survey.objects.create(title="Bench: seguridad", slug=SLUG, published=True)
    sections = [Section.objects.create(survey=survey, title=f"Parte {n + 1}", order=n + 1) for n in range(4)]
    questions = []
    for index, (kind, labels, low, high) in enumerate(QUESTIONS):
        questions.append(
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
        )
    upzs = list(Upz.objects.values_list("pk", flat=True))
    rng = random.Random(3)  # repeatable bench data, not security  # nosec B311
    first_id = (Response.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = timezone.now()
    response_rows, answer_rows = [], []
    for n in range(responses):
        response_id = first_id + n
        upz = rng.choice(upzs)
        response_rows.append((response_id, survey.pk, f"bench-{n}", now, now, now, upz, "", "", "{}", "[]"))
        for question in questions:
            answer_rows.extend(_answers(question, rng, survey.pk, response_id, upz))
    columns = "survey_id, response_id, question_id, row, choice, number, text"
    response_columns = (
        "id, survey_id, respondent_key, started_at, updated_at, submitted_at, upz_id, age_range, gender, draft, "
        "sections_done"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY surveys_response ({response_columns}) FROM STDIN") as copy:
                for row in response_rows:
                    copy.write_row(row)
            with cursor.cursor.copy(f"COPY surveys_answer ({columns}) FROM STDIN") as copy:
                for row in answer_rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * 11)
            cursor.executemany(f"INSERT INTO surveys_response ({response_columns}) VALUES ({marks})", response_rows)
            cursor.executemany(
                f"INSERT INTO surveys_answer ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)", answer_rows
            )
        Survey.objects.filter(pk=survey.pk).update(
            response_count=responses, results_version=1, last_answer_id=_max_answer_id(cursor, survey.pk)
        )
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), {first_id + responses})")
            cursor.execute("VACUUM ANALYZE surveys_answer")
            cursor.execute("VACUUM ANALYZE surveys_response")
        else:
            cursor.execute("ANALYZE")
    print(
        f"seeded {responses} responses, {len(answer_rows)} answer rows in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    survey.refresh_from_db()
    return survey


def _max_answer_id(cursor, survey_id: int) -> int:
    cursor.execute("SELECT MAX(id) FROM surveys_answer WHERE survey_id = %s", [survey_id])
    return cursor.fetchone()[0] or 0


def new_response(survey, n: int) -> None:
    """One more response through the real services (section by section, then submit)."""
    from django.contrib.auth.models import AnonymousUser

    from innova.surveys import services
    from innova.surveys.selectors import survey_structure

    user, key = AnonymousUser(), f"bench-new-{time.time_ns()}-{n}"
    response = None
    for section in survey_structure(survey=survey):
        values = {}
        for question in section.question_list:
            values[str(question.pk)] = {
                "upz": _first_upz(),
                "single": 0,
                "multiple": [0, 1],
                "scale": question.minimum,
                "matrix": {str(i): 3 for i in range(len(question.rows))},
                "ranking": {str(i): i + 1 for i in range(len(question.options))},
                "number": 7.0,
                "short_text": "Más luz",
                "long_text": "Más policía en el parque",
            }[question.kind]
        response = services.response_section_save(
            user=user, survey=survey, respondent_key=key, section=section, values=values
        )
    services.response_submit(user=user, survey=survey, response=response)


def _first_upz() -> int:
    from innova.territory.models import Upz

    return Upz.objects.order_by("code").values_list("pk", flat=True).first()


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


def measure(client, url: str, samples: int, before=None) -> list[float]:
    timings = []
    for _ in range(samples):
        if before is not None:
            before()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code  # noqa: S101 - a broken page is not a number
    return timings


def report(name: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"{name}: samples={len(ordered)} p50_ms={statistics.median(ordered):.1f} p95_ms={p95:.1f} "
        f"max_ms={ordered[-1]:.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--cached-samples", type=int, default=200)
    parser.add_argument("--cold-samples", type=int, default=10)
    parser.add_argument("--recomputed-samples", type=int, default=50)
    args = parser.parse_args()
    vendor = setup_django()

    from django.core.cache import cache
    from django.test import Client

    from innova.core.testing import make_user
    from innova.surveys.models import Survey

    survey = seed(args.responses, vendor)
    staff = make_user("facilitator", email=f"bench-{time.time_ns()}@bench.usme.co")
    client = Client()
    client.force_login(staff)
    url = f"/encuestas/{survey.slug}/resultados/"
    print(f"{vendor}: survey of {survey.questions.count()} questions, {survey.response_count} responses", flush=True)

    client.get("/encuestas/")  # warm the process (URL resolver, templates) before timing
    client.get(url)

    def cold() -> None:
        cache.clear()

    counter = iter(range(10**6))

    def after_new_response() -> None:
        new_response(Survey.objects.get(pk=survey.pk), next(counter))

    report("results page, first view (cold cache: full GROUP BY)", measure(client, url, args.cold_samples, cold))
    report(
        "results page, right after a new response (GROUP BY of the new answers only)",
        measure(client, url, args.recomputed_samples, after_new_response),
    )
    measure(client, url, 5)  # warm
    report("results page, cached", measure(client, url, args.cached_samples))
    filtered = f"{url}?upz={survey.responses.values_list('upz_id', flat=True).first()}"
    report("results page filtered by UPZ, first view (cold cache)", measure(client, filtered, 5, cold))
    report("results page filtered by UPZ, cached", measure(client, filtered, 50))
    staff.delete()


if __name__ == "__main__":
    main()
