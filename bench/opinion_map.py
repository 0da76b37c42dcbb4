"""Benchmark the opinion-map analysis against Pol.is's own groups and red-dwarf.

Usage::

    python -m bench.opinion_map DIR [DIR ...]
    python -m bench.opinion_map --replay DIR [DIR ...] [--cadence 5] [--orders 9]
    python -m bench.opinion_map --synthetic 10000x1000@0.2

For each Pol.is export directory prints one line::

    NAME participants=N clustered=C statements=M groups=K ari=A ours_s=T reddwarf_s=R
    NAME orders=9 ari_min=A ari_median=A ari_max=A

``ari`` is sklearn's adjusted Rand index between our groups and Pol.is's ``group-id`` over the
participants both clustered; the second line is its spread over ``--orders`` shuffled row orders.
Timings are the best of ``--repeat`` runs (default 5); ours includes building the vote matrix from
``(participant, statement, vote)`` triples, red-dwarf's is its ``run_pipeline`` on the same votes as a
list of dicts.  red-dwarf is imported lazily and is a benchmark-only dependency
(``requirements-bench.txt``); without it ``reddwarf_s=NA``.  ``--k-rule polis`` chooses k with
Pol.is's rule instead of ours.

``--replay`` feeds ``votes.csv`` in time order through the analysis, recomputing with ``previous=``
after every ``--cadence`` minutes of conversation time that had votes (as a live conversation would),
with one simulated restart half-way that keeps only what Pol.is keeps after a restart (in-conversation
set, base clusters, groups, axes).  It prints the final state's ARI and its spread over row orders.

A fourth line compares red-dwarf (groups, ARI against Pol.is, time) or says it was skipped because the
optional package is absent.  ``--synthetic`` also times a fixed numpy reference workload in the same process
(``reference_s``, best of the runs before and after) and prints ``ratio`` = ours / reference, so timings taken on
a loaded machine can be compared.

A third line flags conversations whose Pol.is labels cannot be reproduced from the export: the share
of labelled participants with fewer than ``min(7, columns)`` votes (no Pol.is version clusters them on
a fresh run), and the silhouette of Pol.is's own partition on our final map (below 0.2 the labels are
not a clear partition of the map, so any clustering can disagree).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import adjusted_rand_score, silhouette_score

from innova.opinions.analysis import (
    OpinionMapResult,
    PolisExport,
    PreviousState,
    VoteMatrix,
    analyse,
    load_polis_export,
)
from innova.opinions.analysis.participants import MIN_VOTES

#: Flag thresholds for conversations whose Pol.is labels cannot be reproduced.
FLAG_BELOW_THRESHOLD = 0.02
FLAG_SILHOUETTE = 0.2


def _best_of(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def _reddwarf_run(triples: list, moderated_out: frozenset, repeat: int) -> tuple[float, dict] | None:
    """Best time of red-dwarf's ``run_pipeline`` on the same votes and its group per participant (None if absent)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from reddwarf.implementations.polis import run_pipeline
    except ImportError:
        return None
    votes = [{"participant_id": p, "statement_id": s, "vote": v, "modified": 0} for p, s, v in triples]

    def run() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return run_pipeline(votes=votes, mod_out_statement_ids=sorted(moderated_out), random_state=0)

    seconds, result = _best_of(run, repeat)
    frame = result.participants_df  # type: ignore[attr-defined]
    clustered = frame[frame["to_cluster"]]
    return seconds, {p: int(g) for p, g in zip(clustered.index, clustered["cluster_id"], strict=True)}


def _reddwarf_line(name: str, export: PolisExport, run: tuple[float, dict] | None, ours_s: float) -> str:
    """red-dwarf's time and agreement with Pol.is, or why it was skipped (optional, benchmark-only package)."""
    if run is None:
        return f"{name} reddwarf skipped: package red-dwarf not installed (pip install red-dwarf==0.4.0)"
    seconds, groups = run
    both = [p for p in groups if p in export.polis_group_ids]
    ari = adjusted_rand_score([export.polis_group_ids[p] for p in both], [groups[p] for p in both])
    return (
        f"{name} reddwarf clustered={len(groups)} groups={len(set(groups.values()))} ari={ari:.3f} "
        f"reddwarf_s={seconds:.3f} ours_s={ours_s:.3f} speedup={seconds / ours_s:.1f}x"
    )


def _ari(export: PolisExport, result: OpinionMapResult) -> float:
    both = [p for p in result.clustered_participant_ids if p in export.polis_group_ids]
    return adjusted_rand_score(
        [export.polis_group_ids[p] for p in both], [result.group_of_participant[p] for p in both]
    )


def _shuffled(matrix: VoteMatrix, seed: int) -> VoteMatrix:
    """The same votes with the participants' rows in another order."""
    order = np.random.default_rng(seed).permutation(len(matrix.participant_ids))
    position = np.empty_like(order)
    position[order] = np.arange(order.size)
    ids = tuple(matrix.participant_ids[i] for i in order)
    return VoteMatrix(ids, matrix.statement_ids, position[matrix.rows], matrix.cols, matrix.values)


def _spread_line(name: str, aris: list[float]) -> str:
    return (
        f"{name} orders={len(aris)} ari_min={min(aris):.3f} ari_median={float(np.median(aris)):.3f} "
        f"ari_max={max(aris):.3f}"
    )


def _flags_line(name: str, export: PolisExport, result: OpinionMapResult) -> str:
    """Why Pol.is's labels may be out of reach: light voters with a group, and how clear Pol.is's partition is."""
    vm = export.votes
    n_votes = np.bincount(vm.rows, minlength=len(vm.participant_ids))
    columns = int((np.bincount(vm.cols, minlength=len(vm.statement_ids)) > 0).sum())
    labelled = [i for i, p in enumerate(vm.participant_ids) if p in export.polis_group_ids]
    below = sum(n_votes[i] < min(MIN_VOTES, columns) for i in labelled) / max(len(labelled), 1)
    index = {p: i for i, p in enumerate(result.clustered_participant_ids)}
    both = [p for p in export.polis_group_ids if p in index]
    labels = [export.polis_group_ids[p] for p in both]
    sil = float("nan")
    if len(set(labels)) >= 2:
        sil = float(silhouette_score(result.coords[[index[p] for p in both]], labels))
    reasons = []
    if below > FLAG_BELOW_THRESHOLD:
        reasons.append("labelled-below-threshold")
    if not sil >= FLAG_SILHOUETTE:
        reasons.append("polis-partition-unclear")
    return (
        f"{name} polis_labelled={len(labelled)} labelled_below_threshold={below:.1%} "
        f"polis_silhouette={sil:.3f} flag={','.join(reasons) or 'none'}"
    )


def bench_directory(directory: Path, repeat: int, orders: int, k_rule: str) -> list[str]:
    export = load_polis_export(directory)
    vm = export.votes
    triples = [
        (vm.participant_ids[r], vm.statement_ids[c], float(v))
        for r, c, v in zip(vm.rows.tolist(), vm.cols.tolist(), vm.values.tolist(), strict=True)
    ]
    moderated = export.moderated_out

    def ours() -> object:
        matrix = VoteMatrix.from_triples(triples)
        return analyse(votes=matrix, moderated_out=moderated, k_rule=k_rule)

    ours_s, result = _best_of(ours, repeat)
    reddwarf = _reddwarf_run(triples, moderated, repeat)
    reddwarf_s = f"{reddwarf[0]:.3f}" if reddwarf else "NA"
    aris = [
        _ari(export, analyse(votes=_shuffled(vm, seed), moderated_out=moderated, k_rule=k_rule))
        for seed in range(orders)
    ]
    return [
        f"{directory.name} participants={len(vm.participant_ids)} "
        f"clustered={len(result.clustered_participant_ids)} statements={len(result.statement_ids)} "
        f"groups={len(result.groups)} ari={_ari(export, result):.3f} ours_s={ours_s:.3f} reddwarf_s={reddwarf_s}",
        _spread_line(directory.name, aris),
        _flags_line(directory.name, export, result),
        _reddwarf_line(directory.name, export, reddwarf, ours_s),
    ]


def read_vote_log(directory: Path) -> list[tuple[int, int, int, float]]:
    """``(timestamp ms, participant, statement, vote)`` from ``votes.csv``, in time order (stable)."""
    with open(directory / "votes.csv", newline="", encoding="utf-8") as fh:
        log = [
            (int(row["timestamp"]), int(row["voter-id"]), int(row["comment-id"]), float(row["vote"]))
            for row in csv.DictReader(fh)
        ]
    return sorted(log, key=lambda entry: entry[0])


def polis_restart(state: PreviousState) -> PreviousState:
    """What survives a Pol.is math-worker restart: in-conversation set, base clusters, groups and the PCA."""
    stored = PreviousState.from_dict(json.loads(json.dumps(state.to_dict())))
    # Forgotten: the k-smoother and the per-k group clusterings.
    return dataclasses.replace(stored, last_k=None, last_k_count=0, smoothed_k=None, group_clusterings={})


def replay(
    export: PolisExport, log: list, cadence_minutes: float, k_rule: str, seed: int | None
) -> tuple[OpinionMapResult, int]:
    """Recompute after each ``cadence_minutes`` of conversation time with votes; returns the last result and runs."""
    vm = export.votes
    pids = sorted({p for _, p, _, _ in log} | set(vm.participant_ids))
    if seed is not None:
        pids = [pids[i] for i in np.random.default_rng(seed).permutation(len(pids))]
    sids = sorted({s for _, _, s, _ in log} | set(vm.statement_ids))
    prow, scol = {p: i for i, p in enumerate(pids)}, {s: j for j, s in enumerate(sids)}
    rows = np.array([prow[p] for _, p, _, _ in log])
    cols = np.array([scol[s] for _, _, s, _ in log])
    vals = np.array([v for *_, v in log])
    buckets = np.array([int(t // (cadence_minutes * 60_000)) for t, *_ in log])
    ends = np.flatnonzero(np.append(buckets[1:] != buckets[:-1], True)) + 1
    state, result = None, None
    for n, end in enumerate(ends):
        if n == len(ends) // 2 and state is not None:
            state = polis_restart(state)
        matrix = VoteMatrix(tuple(pids), tuple(sids), rows[:end], cols[:end], vals[:end])
        result = analyse(votes=matrix, moderated_out=export.moderated_out, previous=state, k_rule=k_rule)
        state = result.k_state
    return result, len(ends)


def bench_replay(directory: Path, cadence: float, orders: int, k_rule: str) -> list[str]:
    export = load_polis_export(directory)
    log = read_vote_log(directory)
    t0 = time.perf_counter()
    result, runs = replay(export, log, cadence, k_rule, None)
    seconds = time.perf_counter() - t0
    aris = [_ari(export, replay(export, log, cadence, k_rule, seed)[0]) for seed in range(orders)]
    return [
        f"{directory.name} replay cadence_min={cadence:g} runs={runs} "
        f"clustered={len(result.clustered_participant_ids)} polis_clustered={len(export.polis_group_ids)} "
        f"groups={len(result.groups)} ari={_ari(export, result):.3f} replay_s={seconds:.1f}",
        _spread_line(f"{directory.name} replay", aris),
        _flags_line(directory.name, export, result),
    ]


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


def reference_workload() -> None:
    """A fixed numpy workload (sort, dense product, sparse products) to put timings on a noisy machine in scale."""
    rng = np.random.default_rng(0)
    np.sort(rng.random(2_000_000))
    dense = rng.random((800, 800))
    dense @ dense
    matrix = synthetic_matrix(2000, 500, 0.2, seed=1)
    x = sp.csr_matrix((matrix.values, (matrix.rows, matrix.cols)), shape=matrix.shape)
    v = np.ones(matrix.shape[1])
    for _ in range(50):
        v = x.T @ (x @ v)
        v /= np.linalg.norm(v)


def bench_synthetic(spec: str, repeat: int) -> str:
    match = re.fullmatch(r"(\d+)x(\d+)@([0-9.]+)", spec)
    if not match:
        raise SystemExit(f"bad --synthetic spec {spec!r}, expected e.g. 10000x1000@0.2")
    n, m, density = int(match[1]), int(match[2]), float(match[3])
    matrix = synthetic_matrix(n, m, density)
    ref_s, _ = _best_of(reference_workload, repeat)
    ours_s, result = _best_of(lambda: analyse(votes=matrix), repeat)
    ref_after, _ = _best_of(reference_workload, repeat)
    ref_s = min(ref_s, ref_after)
    return (
        f"synthetic-{spec} participants={n} clustered={len(result.clustered_participant_ids)} "
        f"statements={m} votes={matrix.values.size} groups={len(result.groups)} ours_s={ours_s:.3f} "
        f"reference_s={ref_s:.3f} ratio={ours_s / ref_s:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.opinion_map", description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="Pol.is export directories")
    parser.add_argument("--synthetic", metavar="NxM@D", help="time a random N x M matrix at density D")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best is reported")
    parser.add_argument("--replay", action="store_true", help="feed votes.csv in time order with previous= state")
    parser.add_argument("--cadence", type=float, default=5.0, help="replay: minutes of conversation per recompute")
    parser.add_argument("--orders", type=int, default=9, help="shuffled row orders for the ARI spread")
    parser.add_argument("--k-rule", choices=("parsimony", "polis"), default="parsimony", help="how k is chosen")
    args = parser.parse_args(argv)
    if not args.dirs and not args.synthetic:
        parser.error("give at least one directory or --synthetic")
    for directory in args.dirs:
        if args.replay:
            lines = bench_replay(directory, args.cadence, args.orders, args.k_rule)
        else:
            lines = bench_directory(directory, args.repeat, args.orders, args.k_rule)
        print("\n".join(lines), flush=True)
    if args.synthetic:
        print(bench_synthetic(args.synthetic, args.repeat), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
