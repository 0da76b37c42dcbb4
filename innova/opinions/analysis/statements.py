"""What the groups think of each statement (step 7): representative statements per group (Pol.is ``repness``),
group-informed consensus and divisive statements."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .result import Consensus, RepStatement
from .votes import SID, CleanVotes

#: Statements returned per list (representative per group, consensus, divisive).
PICK_MAX = 5
#: One-sided 90% critical value of the standard normal distribution.
Z_90 = 1.2816


@dataclass(frozen=True)
class StatementStats:
    """Representative statements per group id, consensus (best and per statement) and divisive statements."""

    repness: dict[int, list[RepStatement]]
    consensus: Consensus
    group_consensus: dict  # statement_id -> (agree score, disagree score)
    divisive: list[tuple[SID, float]]


@dataclass(frozen=True)
class _GroupCounts:
    """Per (group, statement): agrees, disagrees, votes seen, and the smoothed agree / disagree probabilities."""

    na: np.ndarray
    nd: np.ndarray
    ns: np.ndarray
    pa: np.ndarray
    pd: np.ndarray


def statement_stats(
    votes: CleanVotes, clustered_idx: np.ndarray, member_group: np.ndarray, group_ids: list[int], pick_max: int
) -> StatementStats:
    """Statistics over the clustered participants' votes; ``member_group`` is a position in ``group_ids``."""
    if len(group_ids) == 0 or len(votes.statement_ids) == 0:
        return StatementStats({}, Consensus([], []), {}, [])
    counts = _group_counts(votes, clustered_idx, member_group, len(group_ids))
    consensus, group_consensus = _consensus(counts, votes.statement_ids, pick_max)
    return StatementStats(
        repness=_repness(counts, group_ids, votes.statement_ids, pick_max),
        consensus=consensus,
        group_consensus=group_consensus,
        divisive=_divisive(counts, votes.statement_ids, pick_max),
    )


def _group_counts(votes: CleanVotes, clustered_idx: np.ndarray, member_group: np.ndarray, g_count: int) -> _GroupCounts:
    n, m = votes.shape
    group_of_row = np.full(n, -1)
    group_of_row[clustered_idx] = member_group
    g = group_of_row[votes.rows]
    sel = g >= 0
    key = g[sel] * m + votes.cols[sel]
    v = votes.vals[sel]

    def counts(weights: np.ndarray | None) -> np.ndarray:
        return np.bincount(key, weights=weights, minlength=g_count * m).reshape(g_count, m)

    na = counts((v > 0).astype(float))
    nd = counts((v < 0).astype(float))
    ns = counts(None).astype(float)
    return _GroupCounts(na=na, nd=nd, ns=ns, pa=(na + 1.0) / (ns + 2.0), pd=(nd + 1.0) / (ns + 2.0))


def _consensus(counts: _GroupCounts, statement_ids: tuple, pick_max: int) -> tuple[Consensus, dict]:
    """Group-informed consensus: the product over the groups of the smoothed agree (disagree) probability."""
    ga = np.prod(counts.pa, axis=0)
    gd = np.prod(counts.pd, axis=0)
    group_consensus = {s: (float(ga[j]), float(gd[j])) for j, s in enumerate(statement_ids)}
    return Consensus(_top(ga, statement_ids, pick_max), _top(gd, statement_ids, pick_max)), group_consensus


def _divisive(counts: _GroupCounts, statement_ids: tuple, pick_max: int) -> list[tuple[SID, float]]:
    """Spread of the smoothed net agreement (pa - pd) across the groups that saw the statement."""
    net = counts.pa - counts.pd
    seen = counts.ns > 0
    hi = np.where(seen, net, -np.inf).max(axis=0)
    lo = np.where(seen, net, np.inf).min(axis=0)
    spread = np.where(seen.sum(axis=0) >= 2, (hi - lo) / 2.0, 0.0)
    return [(s, v) for s, v in _top(spread, statement_ids, pick_max) if v > 0]


def _repness(
    counts: _GroupCounts, group_ids: list[int], statement_ids: tuple, pick_max: int
) -> dict[int, list[RepStatement]]:
    """Representative statements of each group against the other groups (none with a single group)."""
    if len(group_ids) < 2:
        return {group_ids[0]: []}
    na, nd, ns, pa, pd = counts.na, counts.nd, counts.ns, counts.pa, counts.pd
    ra_rest_na, ra_rest_nd, ra_rest_ns = na.sum(0) - na, nd.sum(0) - nd, ns.sum(0) - ns
    ra = pa / ((ra_rest_na + 1.0) / (ra_rest_ns + 2.0))
    rd = pd / ((ra_rest_nd + 1.0) / (ra_rest_ns + 2.0))
    pat = _prop_test(na, ns)
    pdt = _prop_test(nd, ns)
    rat = _two_prop_test(na, ra_rest_na, ns, ra_rest_ns)
    rdt = _two_prop_test(nd, ra_rest_nd, ns, ra_rest_ns)
    repness: dict[int, list[RepStatement]] = {}
    for g in range(len(group_ids)):
        stats = {
            "na": na[g], "nd": nd[g], "ns": ns[g], "pa": pa[g], "pd": pd[g],
            "pat": pat[g], "pdt": pdt[g], "ra": ra[g], "rd": rd[g], "rat": rat[g], "rdt": rdt[g],
        }  # fmt: skip
        repness[group_ids[g]] = _select_rep(stats, statement_ids, pick_max)
    return repness


def _prop_test(succ: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Pol.is one-proportion z statistic of (succ+1)/(n+1) against 0.5."""
    return 2.0 * np.sqrt(n + 1.0) * ((succ + 1.0) / (n + 1.0) - 0.5)


def _two_prop_test(s1: np.ndarray, s2: np.ndarray, n1: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """Pol.is two-proportion z statistic with +1 smoothing (0 where undefined)."""
    s1, s2, n1, n2 = s1 + 1.0, s2 + 1.0, n1 + 1.0, n2 + 1.0
    p1, p2 = s1 / n1, s2 / n2
    pi = (s1 + s2) / (n1 + n2)
    den = np.sqrt(pi * (1.0 - pi) * (1.0 / n1 + 1.0 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (p1 - p2) / den
    return np.where(np.isfinite(z), z, 0.0)


def _top(scores: np.ndarray, statement_ids: tuple, k: int) -> list[tuple[SID, float]]:
    order = np.argsort(-scores, kind="stable")[:k]
    return [(statement_ids[j], float(scores[j])) for j in order]


def _finalize(j: int, s: dict, statement_ids: tuple, best_agree: bool = False) -> RepStatement:
    if s["rat"][j] > s["rdt"][j] or best_agree:
        fields = ("agree", "na", "pa", "pat", "ra", "rat")
    else:
        fields = ("disagree", "nd", "pd", "pdt", "rd", "rdt")
    direction, n_s, p_s, p_t, r, r_t = fields
    return RepStatement(
        statement_id=statement_ids[j],
        direction=direction,  # type: ignore[arg-type]
        p_success=float(s[p_s][j]),
        p_test=float(s[p_t][j]),
        repness=float(s[r][j]),
        repness_test=float(s[r_t][j]),
        n_success=int(s[n_s][j]),
        n_trials=int(s["ns"][j]),
        best_agree=best_agree,
    )


def _select_rep(s: dict, statement_ids: tuple, pick_max: int) -> list[RepStatement]:
    """Pol.is ``select-rep-comments`` for one group: significant statements, best-agree first."""
    na, nd, pa, pat, ra, rat = s["na"], s["nd"], s["pa"], s["pat"], s["ra"], s["rat"]
    agree_ok = (pat > Z_90) & (rat > Z_90)
    disagree_ok = (s["pdt"] > Z_90) & (s["rdt"] > Z_90)
    sufficient = np.flatnonzero(agree_ok | disagree_ok)

    # Best agree statement: the sequential "beats best" fold of Pol.is.
    best_agree: int | None = None
    for j in range(na.size):
        if na[j] == 0 and nd[j] == 0:
            continue
        if best_agree is not None and ra[best_agree] > 1.0:
            b = best_agree
            better = ra[j] * rat[j] * pa[j] * pat[j] > ra[b] * rat[b] * pa[b] * pat[b]
        elif best_agree is not None:
            better = pa[j] * pat[j] > pa[best_agree] * pat[best_agree]
        else:
            better = pat[j] > Z_90 or (ra[j] > 1.0 and pa[j] > 0.5)
        if better:
            best_agree = j

    head = [_finalize(best_agree, s, statement_ids, best_agree=True)] if best_agree is not None else []
    if sufficient.size == 0:
        if head:
            return head
        score = np.maximum(rat, s["rdt"])
        return [_finalize(int(np.argmax(score)), s, statement_ids)] if score.size else []
    picked = [_finalize(int(j), s, statement_ids) for j in sufficient if j != best_agree]
    picked.sort(key=lambda r: -(r.repness * r.repness_test * r.p_success * r.p_test))
    chosen = (head + picked)[:pick_max]
    return [r for r in chosen if r.direction == "agree"] + [r for r in chosen if r.direction == "disagree"]
