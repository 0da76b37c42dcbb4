"""Problems pages under load on PostgreSQL: `python -m bench.problems [--problems 100000] [--seconds 20]`.

Seeds (once) 100,000 problems and ~1,000,000 supports into the database `innova_bench`, starts the app with
uvicorn (2 worker processes, DEBUG off) on a loopback port, and drives 50 concurrent clients against the list
(filtered + sorted), search and detail pages. Prints p50/p95/p99 latency and requests/s per page.
The load generator runs on the same 2-core machine as the app and the database: read results as ratios.
"""

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

from bench.http_load import measure_pages
from bench.server import uvicorn_server

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_DB", "innova_bench")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")


def django_env() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "0",
        "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_POOL_MAX": "12",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
    }


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=django_env(), check=True, capture_output=True, text=True
    )
    return result.stdout


def ensure_database() -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {DB_NAME}"],
        capture_output=True,
        check=False,
    )


def prepare_database() -> None:
    """The bench database created if missing, migrated, with the static files the pages link to collected."""
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    prepare_database()
    print(manage("seed_bench", "--problems", str(args.problems)).strip(), flush=True)
    ids = [int(x) for x in manage("shell", "-v", "0", "-c", _IDS).split()]
    upz_theme = manage("shell", "-v", "0", "-c", _FILTERS).split()

    with uvicorn_server(env=django_env(), workers=args.workers) as port:
        rng = random.Random(1)
        words = ["basuras", "huecos", "inseguridad", "arboles", "alumbrado", "ruido", "robos", "andenes"]
        pages = {
            "list (UPZ+theme filter, most supported)": lambda n: (
                f"/problemas/?upz={upz_theme[n % 7]}&theme={upz_theme[7 + n % 4]}&sort=apoyados"
            ),
            "list (newest, page 3)": lambda n: "/problemas/?sort=recientes&pagina=3",
            "search (Spanish full-text)": lambda n: f"/problemas/?q={words[n % len(words)]}",
            "detail": lambda n: f"/problemas/{ids[rng.randrange(len(ids))]}/",
        }
        print(f"{args.clients} clients, {args.seconds:.0f} s per page, {args.workers} uvicorn workers, PostgreSQL")
        measure_pages(
            port,
            pages,
            clients=args.clients,
            seconds=args.seconds,
            warm_up=(5, 2),
            alone_seconds=max(5.0, args.seconds / 4),
        )


_IDS = "from innova.problems.models import Problem;print(*Problem.objects.values_list('id', flat=True)[:5000])"
_FILTERS = (
    "from innova.territory.models import Upz;from innova.problems.models import Theme;"
    "print(*Upz.objects.values_list('id', flat=True)[:7], *Theme.objects.values_list('id', flat=True)[:4])"
)

if __name__ == "__main__":
    main()
