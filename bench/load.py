"""`python -m bench.load`: the production-shaped stack under Locust, with the database's ceiling measured alongside.

1. Seeds the bench database on PostgreSQL, once (each command tops up what is missing and skips what is there):
   `seed_bench` (100k problems, ~1M supports, 20k people), `seed_bench_proposals` (50k published proposals, some
   with comments, ~200k supports), `seed_bench_fronts` (1k work fronts with members, sessions, brainstorm boards)
   and `seed_bench_surveys` (100k responses on 4 published surveys, 2 of them closed with public results).
2. Measures the ceiling of PostgreSQL on this machine the same day with pgbench (read-only and TPC-B-like).
3. Starts the stack (3 uvicorn workers on one address, a Celery worker, Redis) and drives it with Locust
   (headless, bounded in time, loopback) through the journeys in bench/locustfile.py.
4. Prints the numbers and writes them to bench/REPORT.md (the harness in bench/__main__.py appends the other
   benchmarks to the same report).
"""

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from bench.stack import (
    DATABASE_URL,
    ROOT,
    bench_accounts,
    manage,
    prepare_database,
    production_env,
    run_json,
    running_stack,
)

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
OUT = ROOT / "bench" / "out"
REPORT = ROOT / "bench" / "REPORT.md"
# The management commands that seed the volumes, in order (fronts and proposals draw on seed_bench's people).
SEEDS = [
    ["seed_bench"],
    ["seed_bench_proposals"],
    ["seed_bench_fronts"],
    ["seed_bench_surveys", "--surveys", "4", "--closed", "2", "--responses", "100000"],
]


def psql(*args: str, db: str = "postgres") -> subprocess.CompletedProcess:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, *args], capture_output=True, text=True, check=False
    )


def pgbench_ceiling(seconds: int) -> dict[str, float]:
    """Transactions per second PostgreSQL gives here: read-only point lookups and the TPC-B-like write mix."""
    psql("-qc", "DROP DATABASE IF EXISTS innova_pgbench")
    psql("-qc", "CREATE DATABASE innova_pgbench")
    base = ["pgbench", "-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run([*base, "-i", "-s", "10", "-q", "innova_pgbench"], capture_output=True, check=True)
    results = {}
    for label, extra in (("select_only_tps", ["-S"]), ("tpcb_like_tps", [])):
        output = subprocess.run(
            [*base, *extra, "-c", "8", "-j", "2", "-T", str(seconds), "innova_pgbench"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[label] = float(re.search(r"tps = ([\d.]+)", output).group(1))
    psql("-qc", "DROP DATABASE IF EXISTS innova_pgbench")
    return results


def locust_run(url: str, *, users: int, seconds: int, data_file: Path) -> list[dict]:
    prefix = OUT / "locust"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 10)),
            "--run-time",
            f"{seconds}s",
            "--host",
            url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_LOCUST_DATA": str(data_file)},
        check=True,
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=60, help="simultaneous Locust users")
    parser.add_argument("--seconds", type=int, default=90, help="duration of the Locust run")
    parser.add_argument("--workers", type=int, default=3, help="uvicorn worker processes")
    parser.add_argument("--pgbench-seconds", type=int, default=15)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    env = production_env(database_url=DATABASE_URL, redis_url=REDIS_URL)

    prepare_database(env)
    started = time.perf_counter()
    for command in SEEDS:
        print(manage(env, *command).strip().splitlines()[0], flush=True)
    seeding = time.perf_counter() - started
    print(f"seeding: {seeding:.0f} s", flush=True)
    volumes = run_json(env, "bench.bench_data", "volumes")
    ceiling = pgbench_ceiling(args.pgbench_seconds)
    print(f"pgbench ceiling: {ceiling}", flush=True)

    data = {
        **bench_accounts(env, residents=args.users, officials=10, facilitators=5),
        **run_json(env, "bench.bench_data", "targets"),
    }
    data_file = OUT / "locust-data.json"
    data_file.write_text(json.dumps(data))

    with running_stack(env, workers=args.workers, celery=True) as url:
        started = time.perf_counter()
        rows = locust_run(url, users=args.users, seconds=args.seconds, data_file=data_file)
        elapsed = time.perf_counter() - started

    report = render(rows, args=args, volumes=volumes, seeding=seeding, ceiling=ceiling, elapsed=elapsed)
    REPORT.write_text(report)
    print(report, flush=True)


def render(rows: list[dict], *, args, volumes: dict, seeding: float, ceiling: dict, elapsed: float) -> str:
    total = next(row for row in rows if row["Name"] == "Aggregated")
    pages = sorted((row for row in rows if row["Name"] != "Aggregated"), key=lambda row: row["Name"])
    rps = float(total["Requests/s"])
    lines = [
        "# Benchmark report",
        "",
        f"Produced by `make bench` on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} — {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. The load generator, the app, PostgreSQL and "
        "Redis share this machine: read the numbers as ratios to the database ceiling below, not as absolutes.",
        "",
        "## Data",
        "",
        "Row counts the run went against: " + ", ".join(f"{count:,} {name}" for name, count in volumes.items()) + ".",
        f"Seeding (`{' && '.join(' '.join(command) for command in SEEDS)}`) took {seeding:.0f} s this time; it only "
        "tops up what is missing, so it is long the first time only.",
        "",
        f"## Ceiling of PostgreSQL today (pgbench, scale 10, 8 clients, {args.pgbench_seconds} s each)",
        "",
        f"- read-only point lookups (`-S`): **{ceiling['select_only_tps']:,.0f} tps**",
        f"- TPC-B-like writes: **{ceiling['tpcb_like_tps']:,.0f} tps**",
        "",
        f"## Locust: {args.users} users for {args.seconds} s against {args.workers} uvicorn workers + 1 Celery worker",
        "",
        "Journeys (bench/locustfile.py): visitors and residents browse, filter, search and open problems and "
        "proposals, open work fronts, brainstorm boards, surveys and public survey results; residents support and "
        "withdraw support of problems and proposals and open the form of an open survey; officials open the lists "
        "of problems and proposals waiting for an answer and the page of a problem; facilitators open the results "
        "of an open survey, the surveys they manage and brainstorm boards.",
        "",
        "| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in [*pages, total]:
        name = "**all**" if row is total else f"{row['Type']} {row['Name']}"
        lines.append(
            f"| {name} | {int(row['Request Count']):,} | {int(row['Failure Count']):,} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    lines += [
        "",
        f"Whole run: {rps:.1f} requests/s = {rps / ceiling['select_only_tps']:.2%} of the database's read-only "
        f"ceiling; {int(total['Failure Count'])} errors in {int(total['Request Count']):,} requests "
        f"(wall time {elapsed:.0f} s).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
