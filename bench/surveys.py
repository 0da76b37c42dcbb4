"""Survey results page with 20 questions and 100,000 responses: `python -m bench.surveys [--responses 100000]`.

Seeds (once, `manage.py seed_bench_surveys`) a survey of 20 questions of every type and its responses with bulk
inserts (COPY on PostgreSQL, executemany on SQLite) into PostgreSQL when DATABASE_URL is set, else into a SQLite
file in /tmp. Then measures the staff results page through Django's test client (the whole stack: middleware,
session, permission, template):
- first view: nothing cached, the GROUP BY runs over every answer;
- right after a new response (submitted through the services): only the answers after the cached watermark
  are aggregated and added;
- cached: nothing new since the last view.
Prints p50/p95/max latency per case; the target is p95 ≤ 300 ms. It never asserts on time.
"""

import argparse
import os
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
    # No collectstatic in a bench: plain static URLs instead of the hashed manifest (same cost per URL). Set
    # before setup: the storages are built while the apps load, so settings changed afterwards come too late.
    os.environ["STATIC_MANIFEST"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "innova.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection

    return connection.vendor


def seed(responses: int):
    """The survey of `manage.py seed_bench_surveys` (one survey, seeded once)."""
    from django.core.management import call_command

    from innova.surveys.models import Survey

    call_command("seed_bench_surveys", surveys=1, responses=responses)
    return Survey.objects.get(slug=SLUG)


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

    from innova.accounts.testing import make_user
    from innova.surveys.models import Survey

    survey = seed(args.responses)
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
