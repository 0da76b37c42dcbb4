"""Benchmark the opinion-map analysis against Pol.is's own groups and red-dwarf.

Usage::

    python -m bench.opinion_map DIR [DIR ...]
    python -m bench.opinion_map --synthetic 10000x1000@0.2

For each Pol.is export directory prints one line::

    NAME participants=N clustered=C statements=M groups=K ari=A ours_s=T reddwarf_s=R

``ari`` is sklearn's adjusted Rand index between our groups and Pol.is's ``group-id`` over the
participants both clustered.  Timings are the best of ``--repeat`` runs (default 5); ours includes
building the vote matrix from ``(participant, statement, vote)`` triples, red-dwarf's is its
``run_pipeline`` on the same votes as a list of dicts.  red-dwarf is imported lazily and is a
benchmark-only dependency (``requirements-bench.txt``); without it ``reddwarf_s=NA``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from innova.opinions.analysis import VoteMatrix, analyse, load_polis_export


def _best_of(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def _reddwarf_time(triples: list, moderated_out: frozenset, repeat: int) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from reddwarf.implementations.polis import run_pipeline
    except ImportError:
        return "NA"
    votes = [{"participant_id": p, "statement_id": s, "vote": v, "modified": 0} for p, s, v in triples]

    def run() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return run_pipeline(votes=votes, mod_out_statement_ids=sorted(moderated_out), random_state=0)

    seconds, _ = _best_of(run, repeat)
    return f"{seconds:.3f}"


def bench_directory(directory: Path, repeat: int) -> str:
    export = load_polis_export(directory)
    vm = export.votes
    triples = [
        (vm.participant_ids[r], vm.statement_ids[c], float(v))
        for r, c, v in zip(vm.rows.tolist(), vm.cols.tolist(), vm.values.tolist(), strict=True)
    ]
    moderated = export.moderated_out

    def ours() -> object:
        matrix = VoteMatrix.from_triples(triples)
        return analyse(votes=matrix, moderated_out=moderated, random_state=0)

    ours_s, result = _best_of(ours, repeat)
    both = [p for p in result.clustered_participant_ids if p in export.polis_group_ids]
    ari = adjusted_rand_score([export.polis_group_ids[p] for p in both], [result.group_of_participant[p] for p in both])
    reddwarf_s = _reddwarf_time(triples, moderated, repeat)
    return (
        f"{directory.name} participants={len(vm.participant_ids)} "
        f"clustered={len(result.clustered_participant_ids)} statements={len(result.statement_ids)} "
        f"groups={len(result.groups)} ari={ari:.3f} ours_s={ours_s:.3f} reddwarf_s={reddwarf_s}"
    )


def synthetic_matrix(n: int, m: int, density: float, seed: int = 0) -> VoteMatrix:
    """Random votes with a planted two-bloc structure (so the clustering has something to find)."""
    rng = np.random.default_rng(seed)
    per_row = max(1, round(m * density))
    rows = np.repeat(np.arange(n), per_row)
    cols = np.argsort(rng.random((n, m)), axis=1)[:, :per_row].ravel()
    bloc = rng.integers(0, 2, n)
    lean = np.where(rng.random(m) < 0.5, 1.0, -1.0)
    p_agree = np.where(bloc[rows] == 0, 0.5 + 0.3 * lean[cols], 0.5 - 0.3 * lean[cols])
    u = rng.random(rows.size)
    values = np.where(u < 0.1, 0.0, np.where(u < 0.1 + 0.9 * p_agree, 1.0, -1.0))
    return VoteMatrix(tuple(range(n)), tuple(range(m)), rows, cols, values)


def bench_synthetic(spec: str, repeat: int) -> str:
    match = re.fullmatch(r"(\d+)x(\d+)@([0-9.]+)", spec)
    if not match:
        raise SystemExit(f"bad --synthetic spec {spec!r}, expected e.g. 10000x1000@0.2")
    n, m, density = int(match[1]), int(match[2]), float(match[3])
    matrix = synthetic_matrix(n, m, density)
    ours_s, result = _best_of(lambda: analyse(votes=matrix, random_state=0), repeat)
    return (
        f"synthetic-{spec} participants={n} clustered={len(result.clustered_participant_ids)} "
        f"statements={m} votes={matrix.values.size} groups={len(result.groups)} ours_s={ours_s:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.opinion_map", description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="Pol.is export directories")
    parser.add_argument("--synthetic", metavar="NxM@D", help="time a random N x M matrix at density D")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best is reported")
    args = parser.parse_args(argv)
    if not args.dirs and not args.synthetic:
        parser.error("give at least one directory or --synthetic")
    for directory in args.dirs:
        print(bench_directory(directory, args.repeat), flush=True)
    if args.synthetic:
        print(bench_synthetic(args.synthetic, args.repeat), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
