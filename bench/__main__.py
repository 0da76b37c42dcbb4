"""`make bench`: run every benchmark of the project and print its numbers.

Each benchmark is a module `bench/<name>.py` runnable on its own (`python -m bench.<name>`); this harness runs
the ones listed in BENCHES in order, each in its own process, and stops at none: a failing benchmark is reported
and the others still run. Benchmarks print numbers; they never assert on time.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLIS = ROOT.parent / "shared" / "data" / "polis"

# (name, argv after `python -m`), in the order they run.
BENCHES: list[tuple[str, list[str]]] = [("problems", ["bench.problems"]), ("lighthouse", ["bench.lighthouse"])]
BENCHES.append(("brainstorm_ws", ["bench.brainstorm_ws"]))
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
        code = subprocess.call([sys.executable, "-m", *argv], cwd=ROOT, env=os.environ.copy())
        print(f"== {name}: exit {code} in {time.perf_counter() - started:.1f} s", flush=True)
        failures += code != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
