"""Proposal pages under load on PostgreSQL: `python -m bench.proposals [--proposals 50000] [--seconds 10]`.

Seeds (once) 50,000 published proposals and 500 comments on one of them into the database `innova_bench`
(shared with bench.problems), starts the app with uvicorn (2 workers, DEBUG off) on a loopback port, and drives
1 and then N concurrent clients against the list (default, filtered, page 3, Spanish search) and the detail pages
(any proposal; the one with 500 comments). Prints p50/p95/p99 latency and requests/s per page.
The load generator shares the 2-core machine with the app and the database: read results as ratios.
"""

import argparse
import random

from bench.http_load import add_load_arguments, measure_pages
from bench.stack import manage, page_env, prepare_database, running_stack


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=50_000)
    parser.add_argument("--comments", type=int, default=500)
    args = add_load_arguments(parser, clients=10, seconds=10).parse_args()

    env = page_env()
    prepare_database(env)
    out = manage(env, "seed_bench_proposals", "--proposals", str(args.proposals), "--comments", str(args.comments))
    print(out.splitlines()[0], flush=True)
    commented = int(out.split("commented_id=")[1].split()[0])
    ids = [int(x) for x in manage(env, "shell", "-v", "0", "-c", _IDS).split()]

    with running_stack(env, workers=args.workers) as url:
        rng = random.Random(1)
        words = ["huertas", "luminarias", "ciclovia", "murales", "oficios", "limpios"]
        pages = {
            "list (most supported)": lambda n: "/propuestas/",
            "list (status filter, newest, page 3)": lambda n: "/propuestas/?status=viable&sort=recientes&pagina=3",
            "search (Spanish full-text)": lambda n: f"/propuestas/?q={words[n % len(words)]}",
            "detail": lambda n: f"/propuestas/{ids[rng.randrange(len(ids))]}/",
            f"detail with {args.comments} comments": lambda n: f"/propuestas/{commented}/",
        }
        setup = f"{args.seconds:.0f} s per page, {args.workers} uvicorn workers, PostgreSQL"
        print(f"1 and {args.clients} clients, {setup}")
        measure_pages(url, pages, clients=args.clients, seconds=args.seconds, warm_up=(2, 1))


_IDS = "from innova.proposals.models import Proposal;print(*Proposal.objects.values_list('id', flat=True)[:5000])"

if __name__ == "__main__":
    main()
