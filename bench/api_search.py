"""Public API and site-wide search with 100,000 problems on PostgreSQL: `python -m bench.api_search`.

Reuses the seeded database of bench/problems.py (`manage.py seed_bench`, 100,000 problems), starts the app with
uvicorn (2 workers, DEBUG off, API rate limits lifted), and drives the API list endpoints (unfiltered, filtered,
deep page, ordered by supports), the API detail and /buscar/ with 1 and 10 concurrent clients.
Prints p50/p95/p99 latency per endpoint. The target of issue #8 is p95 ≤ 80 ms. The load generator shares the
2-core machine with the app and the database: read the numbers with the machine's load in mind.
"""

import argparse

from bench.http_load import add_load_arguments, measure_pages
from bench.stack import manage, page_env, prepare_database, running_stack

_CODES = (
    "from innova.territory.models import Upz;from innova.problems.models import Theme, Problem;"
    "print(*Upz.objects.values_list('code', flat=True)[:7], *Theme.objects.values_list('slug', flat=True)[:4]);"
    "print(*Problem.objects.filter(published_at__isnull=False, hidden_at__isnull=True)"
    ".values_list('id', flat=True)[:2000])"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", type=int, default=100_000)
    args = add_load_arguments(parser, clients=10, seconds=8).parse_args()

    env = page_env(INNOVA_API_RATE_ANON="1000000/min", INNOVA_API_RATE_USER="1000000/min")
    prepare_database(env)
    print(manage(env, "seed_bench", "--problems", str(args.problems)).strip(), flush=True)
    first, second = manage(env, "shell", "-v", "0", "-c", _CODES).strip().split("\n")
    codes, ids = first.split(), [int(x) for x in second.split()]
    upzs, themes = codes[:7], codes[7:]

    with running_stack(env, workers=args.workers) as url:
        words = ["basuras", "huecos", "inseguridad", "arboles", "alumbrado", "ruido", "robos", "andenes"]
        pages = {
            "api list (newest)": lambda n: "/api/v1/problems/",
            "api list (upz+theme filter)": lambda n: f"/api/v1/problems/?upz={upzs[n % 7]}&theme={themes[n % 4]}",
            "api list (status + dates, page 20)": lambda n: (
                "/api/v1/problems/?status=reported&published_after=2020-01-01&page=20"
            ),
            "api list (most supported)": lambda n: "/api/v1/problems/?ordering=-support_count",
            "api detail": lambda n: f"/api/v1/problems/{ids[(n * 7919) % len(ids)]}/",
            "search /buscar/": lambda n: f"/buscar/?q={words[n % len(words)]}",
            "search /buscar/ + UPZ facet": lambda n: f"/buscar/?q={words[n % len(words)]}&tipo=problems",
        }
        print(f"{args.clients} clients max, {args.seconds:.0f} s per endpoint, {args.workers} uvicorn workers")
        measure_pages(url, pages, clients=args.clients, seconds=args.seconds, warm_up=(3, 1.5))


if __name__ == "__main__":
    main()
