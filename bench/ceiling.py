"""`python -m bench.ceiling [--seconds 20] [--rounds 3]`: how near each page comes to the framework's ceiling.

The ceiling is `/bench/hello` (`core.views.hello`, routed only with `INNOVA_BENCH_ROUTES=1`): a view that does
nothing behind the whole middleware stack, served the way production serves HTTP (the WSGI server, 3 processes,
PostgreSQL with its connection pool, Redis cache on). Against it, with wrk (the Debian package; Locust would eat
the same two cores), the problems list, a problem's page, the proposals list and a proposal's page, each as a
`visitor` (no cookie) and as a `resident` (a signed-in session and a CSRF cookie, as a browser sends them), at 1
connection (service time) and 50 (a busy hour on this machine). Seeds 10,000 problems and 10,000 proposals first
if the bench database has none.

One interleaved run: every round visits every (page, as, conns) once, so a slow minute of the shared machine hits
all of them alike; each figure is the median over the rounds. One line per measurement (other tools parse it):

    ceiling page=problems_list as=visitor conns=50 rps=812 p50_ms=51 p95_ms=88 pct_of_hello=13.1

`pct_of_hello` is the page's req/s as a percentage of the hello view's (as a visitor) at the same connections.
A run that met errors (socket errors, timeouts, 4xx/5xx answers) says so in a `ceiling-errors` line. Read the
numbers as ratios: wrk, the app, PostgreSQL and Redis share the machine.
"""

import argparse
import http.client
import re
import secrets
import statistics
import string
import subprocess
import sys
from urllib.parse import urlsplit

from bench import stack

REDIS_URL = "redis://127.0.0.1:6379/14"
LUA = stack.ROOT / "bench" / "ceiling.lua"
PAGES = ("hello", "problems_list", "problem_detail", "proposals_list", "proposal_detail")
PEOPLE = ("visitor", "resident")
CONNECTIONS = (1, 50)
DETAIL_IDS = 10  # detail pages rotate over this many items, spread over the seeded ones


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the interleaved run (the median is shown)")
    parser.add_argument("--server", choices=sorted(stack.SERVERS), default=stack.WSGI_SERVER, help="the HTTP server")
    parser.add_argument("--workers", type=int, default=3, help="server processes")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES, help="a subset (hello is always in)")
    parser.add_argument(
        "--cache",
        choices=("redis", "locmem"),
        default="redis",
        help="the cache as production runs it (redis) or each process's local memory, to compare the two",
    )
    args = parser.parse_args()
    pages = ["hello", *(page for page in args.pages if page != "hello")]

    redis_url = REDIS_URL if args.cache == "redis" else ""
    env = stack.production_env(database_url=stack.DATABASE_URL, redis_url=redis_url) | {"INNOVA_BENCH_ROUTES": "1"}
    paths, headers = prepare(env)
    runs = [(page, person, conns) for page in pages for person in PEOPLE for conns in CONNECTIONS]
    with stack.running_stack(env, workers=args.workers, server=args.server) as url:
        print(
            f"# {args.server}, {args.workers} processes; PostgreSQL (pool), {args.cache} cache; "
            f"wrk --latency, {args.seconds} s a run, {args.rounds} rounds, median",
            flush=True,
        )
        for page, person, _ in runs[:: len(CONNECTIONS)]:
            preflight(url, paths[page], headers[person])
            wrk(url, paths[page], conns=50, seconds=2, headers=headers[person])  # warm-up, not counted
        results: dict[tuple, list[dict]] = {run: [] for run in runs}
        for round_number in range(1, args.rounds + 1):
            for page, person, conns in runs:
                print(f"round {round_number}: {page} as {person}, {conns} conns", file=sys.stderr, flush=True)
                result = wrk(url, paths[page], conns=conns, seconds=args.seconds, headers=headers[person])
                results[page, person, conns].append(result)
                if any(result["errors"].values()):
                    errors = " ".join(f"{key}={count}" for key, count in result["errors"].items() if count)
                    print(
                        f"ceiling-errors page={page} as={person} conns={conns} round={round_number} "
                        f"requests={result['requests']} {errors}",
                        flush=True,
                    )
    report(results)


def prepare(env: dict) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The bench database migrated and, when empty, seeded; the paths of each page and the headers of each person."""
    stack.prepare_database(env)
    volumes = stack.run_json(env, "bench.bench_data", "volumes")
    if not volumes["problems"]:
        print(stack.manage(env, "seed_bench", "--problems", "10000").strip(), flush=True)
    if not volumes["proposals"]:
        print(stack.manage(env, "seed_bench_proposals", "--proposals", "10000").splitlines()[0], flush=True)
    accounts = stack.bench_accounts(env, residents=1, officials=0)
    headers = {
        "visitor": [],
        "resident": [f"Cookie: {accounts['cookie']}={accounts['residents'][0]}; csrftoken={csrf_secret()}"],
    }
    return page_paths(stack.run_json(env, "bench.bench_data", "targets")), headers


def report(results: dict[tuple, list[dict]]) -> None:
    """One line per (page, as, conns): the medians over the rounds, and req/s as a % of the visitor's hello."""
    medians = {
        run: {key: statistics.median(r[key] for r in rounds) for key in ("rps", "p50_ms", "p95_ms")}
        for run, rounds in results.items()
    }
    for (page, person, conns), figure in medians.items():
        hello = medians["hello", "visitor", conns]["rps"]
        print(
            f"ceiling page={page} as={person} conns={conns} rps={figure['rps']:.0f} p50_ms={ms(figure['p50_ms'])} "
            f"p95_ms={ms(figure['p95_ms'])} pct_of_hello={100 * figure['rps'] / hello:.1f}",
            flush=True,
        )


def page_paths(targets: dict) -> dict[str, list[str]]:
    """The paths each page's runs request (detail pages rotate over a few items)."""

    def spread(ids: list[int]) -> list[int]:
        return ids[:: max(1, len(ids) // DETAIL_IDS)][:DETAIL_IDS]

    return {
        "hello": ["/bench/hello"],
        "problems_list": ["/problemas/"],
        "problem_detail": [f"/problemas/{pk}/" for pk in spread(targets["problems"])],
        "proposals_list": ["/propuestas/"],
        "proposal_detail": [f"/propuestas/{pk}/" for pk in spread(targets["proposals"])],
    }


def csrf_secret() -> str:
    """A CSRF cookie as Django sets it (32 letters and digits): with it, pages that hold a form set no new cookie."""
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def preflight(url: str, paths: list[str], headers: list[str]) -> None:
    """Every path answers 200 as this person (a redirect to the log-in or consent page would measure another page)."""
    parts = urlsplit(url)
    for path in paths:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.request("GET", path, headers=dict(header.split(": ", 1) for header in headers))
        status = connection.getresponse().status
        connection.close()
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}, not 200: the bench database or the stack is not ready")


def wrk(url: str, paths: list[str], *, conns: int, seconds: int, headers: list[str]) -> dict:
    """One wrk run over ``paths`` (in turn); requests, req/s, p50/p95 in ms and wrk's error counters."""
    argv = ["wrk", f"-t{min(2, conns)}", f"-c{conns}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    argv += [arg for header in headers for arg in ("-H", header)]
    argv += ["-s", str(LUA), f"{url}{paths[0]}", "--", *paths]
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout  # noqa: S603  # nosec B603
    line = re.search(r"^wrk-result (.*)$", output, re.MULTILINE).group(1)
    values = {key: int(value) for key, value in (pair.split("=") for pair in line.split())}
    return {
        "requests": values["requests"],
        "rps": values["requests"] / (values["duration_us"] / 1e6),
        "p50_ms": values["p50_us"] / 1000,
        "p95_ms": values["p95_us"] / 1000,
        "errors": {key: values[key] for key in ("connect", "read", "write", "status", "timeout")},
    }


def ms(value: float) -> str:
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


if __name__ == "__main__":
    main()
