"""`make bench`: run every benchmark of the project, print its numbers and collect them in bench/REPORT.md.

Each benchmark is a module `bench/<name>.py` runnable on its own (`python -m bench.<name>`); this harness runs
the ones listed in BENCHES in order, each in its own process, and stops at none: a failing benchmark is reported
and the others still run. The first, `load` (Locust against the production-shaped stack, with the pgbench
ceiling), writes bench/REPORT.md; the output of the others is appended to it. Benchmarks print numbers; they never
assert on time. `make bench BENCH="problems opinion_map"` runs a selection.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLIS = ROOT.parent / "shared" / "data" / "polis"

# (name, argv after `python -m`), in the order they run.
BENCHES: list[tuple[str, list[str]]] = [
    ("load", ["bench.load"]),
    ("problems", ["bench.problems"]),
    ("proposals", ["bench.proposals"]),
    ("api_search", ["bench.api_search"]),
    ("ceiling", ["bench.ceiling"]),
    ("lighthouse", ["bench.lighthouse"]),
]
REPORT = ROOT / "bench" / "REPORT.md"
BENCHES.append(("surveys", ["bench.surveys"]))  # surveys: results page, 20 questions × 100,000 responses
BENCHES.append(("notifications", ["bench.notifications"]))
BENCHES.append(("brainstorm_ws", ["bench.brainstorm_ws"]))
BENCHES.append(("render", ["bench.render"]))  # in-process render cost of the hot pages for a signed-in resident
if POLIS.is_dir():
    BENCHES.append(("opinion_map", ["bench.opinion_map", *sorted(str(p) for p in POLIS.iterdir() if p.is_dir())]))
    BENCHES.append(("opinion_map_synthetic", ["bench.opinion_map", "--synthetic", "10000x1000@0.2"]))


def main(selected: list[str]) -> int:
    failures = 0
    for name, argv in BENCHES:
        if selected and name not in selected:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", *argv], cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, text=True
        )
        output = []
        for line in process.stdout:
            print(line, end="", flush=True)
            output.append(line)
        code = process.wait()
        print(f"== {name}: exit {code} in {time.perf_counter() - started:.1f} s", flush=True)
        failures += code != 0
        if name != "load" and REPORT.exists():
            with REPORT.open("a") as report:
                report.write(f"\n## `python -m {' '.join(argv)}` (exit {code})\n\n```\n{''.join(output)}```\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
