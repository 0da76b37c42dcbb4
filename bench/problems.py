"""Problems pages under load on PostgreSQL: `python -m bench.problems [--problems 100000] [--seconds 20]`.

Seeds (once) 100,000 problems and ~1,000,000 supports into the database `innova_bench`, starts the app with
uvicorn (2 worker processes, DEBUG off) on a loopback port, and drives 50 concurrent clients against the list
(filtered + sorted), search and detail pages. Prints p50/p95/p99 latency and requests/s per page.
The load generator runs on the same 2-core machine as the app and the database: read results as ratios.
"""

import argparse
import random

from bench.http_load import add_load_arguments, measure_pages
from bench.stack import manage, page_env, prepare_database, running_stack


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", type=int, default=100_000)
    args = add_load_arguments(parser, clients=50, seconds=20).parse_args()

    env = page_env()
    prepare_database(env)
    print(manage(env, "seed_bench", "--problems", str(args.problems)).strip(), flush=True)
    ids = [int(x) for x in manage(env, "shell", "-v", "0", "-c", _IDS).split()]
    upz_theme = manage(env, "shell", "-v", "0", "-c", _FILTERS).split()

    with running_stack(env, workers=args.workers) as url:
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
            url,
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
