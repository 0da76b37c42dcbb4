"""Opinion-map analysis (Pol.is-style), as a pure numerical module.

This module has no Django imports: it takes a participant x statement vote matrix and returns
participant coordinates, opinion groups, representative statements per group, consensus and
divisive statements.  See ``docs/OPINION_MAP.md`` for where it follows Pol.is and where it
deliberately differs.

Vote encoding: ``1`` agree, ``-1`` disagree, ``0`` pass; a missing cell means "not seen".

Pipeline (one call to :func:`analyse`):

1. de-duplicate votes (the last one wins); moderated-out statements stay as all-zero columns (as in
   Pol.is: never shown, but counted in the projection scale); rows in participant-id order;
2. decide the *in-conversation* participants (>= ``min(7, columns)`` votes, moderated-out ones included,
   sticky across runs through :class:`PreviousState`, topped up with the heaviest voters up to 15);
3. PCA of the vote matrix with unseen votes imputed by the column mean (so they are 0 once
   centred); exact top-2 eigenvectors of the covariance matrix;
4. sparsity-aware projection: each participant's centred votes on the statements they saw,
   dotted with the components and scaled by ``sqrt(columns / (own votes + zeroed columns))``;
5. base clusters: Pol.is-style k-means with up to 100 clusters over the in-conversation projections,
   started from the previous base clusters or from the first distinct points;
6. groups: weighted k-means over the base-cluster centres for k in ``2..min(5, 2 + nb // 12)``, each k
   started from its previous clustering or the first distinct centres; k chosen by silhouette
   (``k_rule``) and smoothed over runs (a new k must win ``k_buffer`` consecutive runs);
   group ids are carried over from the previous run by membership overlap;
7. representative statements per group (Pol.is ``repness``), group-informed consensus and
   divisive statements.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import scipy.linalg
import scipy.sparse as sp
import scipy.sparse.linalg
from scipy.optimize import linear_sum_assignment
from scipy.spatial import cKDTree

__all__ = [
    "Consensus",
    "Group",
    "OpinionMapResult",
    "PolisExport",
    "PreviousState",
    "RepStatement",
    "VoteMatrix",
    "analyse",
    "load_polis_export",
]

PID = Hashable
SID = Hashable

#: Participants need ``min(MIN_VOTES, n_statements)`` votes to enter the clustering (Pol.is: 7).
MIN_VOTES = 7
#: If fewer participants qualify, the heaviest voters are added up to this many (Pol.is: 15).
GREEDY_N = 15
#: Maximum number of base clusters (Pol.is ``base-k``: 100).
BASE_K = 100
#: k-means iterations for the base clusters and for the groups (Pol.is ``base-iters``; ``kmeans``'s default).
BASE_ITERS = 100
GROUP_ITERS = 20
#: Maximum number of groups (Pol.is ``max-k``: 5).
MAX_K = 5
#: A new best k must win this many consecutive runs before it is used (Pol.is ``group-k-buffer``: 4).
K_BUFFER = 4
#: Statements returned per list (representative per group, consensus, divisive).
PICK_MAX = 5
#: A larger k must beat the best smaller k's silhouette by more than this to be chosen (parsimony).
K_TOLERANCE = 0.02
#: One-sided 90% critical value of the standard normal distribution.
Z_90 = 1.2816

_DENSE_PCA_MAX_CELLS = 60_000_000
#: From this many statements the top components come from Lanczos iterations instead of a dense solver.
_LANCZOS_MIN_STATEMENTS = 300
#: Relative accuracy of the Lanczos eigenvalues (the axes then agree with the dense solver to about 1e-8).
_LANCZOS_TOL = 1e-8


# --------------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteMatrix:
    """Sparse participant x statement vote matrix given as coordinate triples.

    ``rows[i]`` / ``cols[i]`` index ``participant_ids`` / ``statement_ids``; ``values[i]`` is 1, -1 or 0.
    Duplicated cells are allowed: the later entry wins.
    """

    participant_ids: tuple
    statement_ids: tuple
    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "participant_ids", tuple(self.participant_ids))
        object.__setattr__(self, "statement_ids", tuple(self.statement_ids))
        rows = np.asarray(self.rows, dtype=np.int64).ravel()
        cols = np.asarray(self.cols, dtype=np.int64).ravel()
        values = np.asarray(self.values, dtype=np.float64).ravel()
        if not (rows.shape == cols.shape == values.shape):
            raise ValueError("rows, cols and values must have the same length")
        if rows.size:
            if rows.min() < 0 or rows.max() >= len(self.participant_ids):
                raise ValueError("row index out of range")
            if cols.min() < 0 or cols.max() >= len(self.statement_ids):
                raise ValueError("column index out of range")
            if not np.all(np.isin(values, (-1.0, 0.0, 1.0))):
                raise ValueError("votes must be 1 (agree), -1 (disagree) or 0 (pass)")
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "cols", cols)
        object.__setattr__(self, "values", values)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.participant_ids), len(self.statement_ids)

    @classmethod
    def from_triples(
        cls,
        triples: Iterable[tuple[PID, SID, float]],
        *,
        participant_ids: Sequence[PID] | None = None,
        statement_ids: Sequence[SID] | None = None,
    ) -> VoteMatrix:
        """Build from ``(participant_id, statement_id, vote)`` triples (later triples win).

        Without explicit id lists, ids are ordered by first appearance.
        """
        pidx: dict[PID, int] = {p: i for i, p in enumerate(participant_ids or ())}
        sidx: dict[SID, int] = {s: i for i, s in enumerate(statement_ids or ())}
        fixed_p, fixed_s = participant_ids is not None, statement_ids is not None
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for pid, sid, vote in triples:
            i = pidx.get(pid)
            if i is None:
                if fixed_p:
                    raise KeyError(f"unknown participant id {pid!r}")
                i = pidx[pid] = len(pidx)
            j = sidx.get(sid)
            if j is None:
                if fixed_s:
                    raise KeyError(f"unknown statement id {sid!r}")
                j = sidx[sid] = len(sidx)
            rows.append(i)
            cols.append(j)
            vals.append(vote)
        return cls(tuple(pidx), tuple(sidx), np.array(rows), np.array(cols), np.array(vals, dtype=float))

    @classmethod
    def from_dense(cls, *, participant_ids: Sequence[PID], statement_ids: Sequence[SID], matrix: Any) -> VoteMatrix:
        """Build from a dense array with ``NaN`` for unseen cells."""
        arr = np.asarray(matrix, dtype=float)
        if arr.shape != (len(participant_ids), len(statement_ids)):
            raise ValueError("matrix shape does not match the id lists")
        rows, cols = np.nonzero(~np.isnan(arr))
        return cls(tuple(participant_ids), tuple(statement_ids), rows, cols, arr[rows, cols])

    def to_dense(self) -> np.ndarray:
        """Dense float matrix with ``NaN`` for unseen cells."""
        out = np.full(self.shape, np.nan)
        out[self.rows, self.cols] = self.values
        return out


# --------------------------------------------------------------------------------------------------
# Output and state
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """An opinion group: stable ``id`` (use it for the colour), member participant ids, 2-D centre."""

    id: int
    members: tuple
    centre: tuple[float, float]


@dataclass(frozen=True)
class RepStatement:
    """A statement representative of a group (Pol.is ``repness`` fields)."""

    statement_id: SID
    direction: Literal["agree", "disagree"]
    p_success: float  # smoothed probability that a group member agrees (disagrees)
    p_test: float  # one-proportion z statistic of that probability against 0.5
    repness: float  # p_success divided by the same probability among the other groups
    repness_test: float  # two-proportion z statistic of group vs. the other groups
    n_success: int
    n_trials: int
    best_agree: bool = False  # the statement Pol.is puts first as "what this group agrees on"


@dataclass(frozen=True)
class Consensus:
    """Group-informed consensus: ``(statement_id, score)`` pairs, best first."""

    agree: list[tuple[SID, float]]
    disagree: list[tuple[SID, float]]


@dataclass(frozen=True)
class PreviousState:
    """What one run hands to the next so that results evolve smoothly.

    ``in_conversation`` is sticky (participants never leave the clustering), ``groups`` lets group ids
    (and colours) survive a recomputation, ``last_k``/``last_k_count``/``smoothed_k`` implement the
    k-smoother and ``components`` keeps the orientation of the map's axes.  ``base_clusters``
    (``(id, member ids)`` pairs) and ``group_clusterings`` (per k, ``(id, base-cluster ids)`` pairs) are the
    k-means starts of the next run, as Pol.is keeps them.
    """

    in_conversation: frozenset = frozenset()
    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None
    groups: Mapping[int, frozenset] = field(default_factory=dict)
    statement_ids: tuple = ()
    components: tuple = ()  # two tuples of loadings, aligned with ``statement_ids``
    base_clusters: tuple = ()
    group_clusterings: Mapping[int, tuple] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly representation (ids must themselves be JSON-serialisable)."""
        return {
            "in_conversation": sorted(self.in_conversation, key=_sort_key),
            "last_k": self.last_k,
            "last_k_count": self.last_k_count,
            "smoothed_k": self.smoothed_k,
            "groups": {str(g): sorted(m, key=_sort_key) for g, m in self.groups.items()},
            "statement_ids": list(self.statement_ids),
            "components": [list(c) for c in self.components],
            "base_clusters": [[cid, list(members)] for cid, members in self.base_clusters],
            "group_clusterings": {
                str(k): [[gid, list(bids)] for gid, bids in clusters] for k, clusters in self.group_clusterings.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PreviousState:
        return cls(
            in_conversation=frozenset(data.get("in_conversation", ())),
            last_k=data.get("last_k"),
            last_k_count=int(data.get("last_k_count", 0)),
            smoothed_k=data.get("smoothed_k"),
            groups={int(g): frozenset(m) for g, m in data.get("groups", {}).items()},
            statement_ids=tuple(data.get("statement_ids", ())),
            components=tuple(tuple(float(x) for x in c) for c in data.get("components", ())),
            base_clusters=tuple((int(cid), tuple(members)) for cid, members in data.get("base_clusters", ())),
            group_clusterings={
                int(k): tuple((int(gid), tuple(int(b) for b in bids)) for gid, bids in clusters)
                for k, clusters in data.get("group_clusterings", {}).items()
            },
        )


@dataclass(frozen=True)
class OpinionMapResult:
    """Everything the opinion map shows.

    ``coords`` has one row per entry of ``clustered_participant_ids``; ``all_coords`` one row per
    entry of ``participant_ids`` (everyone with at least one vote is placed, only the
    in-conversation participants are clustered).  ``statement_ids`` excludes moderated-out ones.
    """

    participant_ids: tuple
    statement_ids: tuple
    clustered_participant_ids: tuple
    coords: np.ndarray
    all_coords: np.ndarray
    base_cluster: np.ndarray  # base-cluster label of each clustered participant
    base_centres: np.ndarray
    group_of_participant: dict
    groups: list[Group]
    repness: dict[int, list[RepStatement]]
    consensus: Consensus
    group_consensus: dict  # statement_id -> (agree score, disagree score), for every statement
    divisive: list[tuple[SID, float]]
    silhouettes: dict[int, float]
    k_state: PreviousState
    pca_center: np.ndarray
    pca_components: np.ndarray  # shape (2, n_statements)
    pca_columns: int = 0  # statements with at least one vote, moderated-out ones included (projection scale)
    pca_zeroed_columns: int = 0  # moderated-out statements with votes: every participant "voted" 0 on them

    def project(self, votes: Mapping[SID, float]) -> np.ndarray:
        """Place any participant (e.g. a newcomer) on the map from ``{statement_id: vote}``.

        Unknown and moderated-out statements are ignored; uses the sparsity-aware scaling.
        """
        index = {s: j for j, s in enumerate(self.statement_ids)}
        js = [index[s] for s in votes if s in index]
        if not js:
            return np.zeros(2)
        x = np.array([float(votes[self.statement_ids[j]]) for j in js]) - self.pca_center[js]
        point = self.pca_components[:, js] @ x
        return point * _projection_scale(self.pca_columns, len(js) + self.pca_zeroed_columns)


# --------------------------------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------------------------------


def analyse(
    *,
    votes: VoteMatrix,
    moderated_out: Collection[SID] = frozenset(),
    previous: PreviousState | None = None,
    random_state: int = 0,
    min_votes: int = MIN_VOTES,
    greedy_n: int = GREEDY_N,
    base_k: int = BASE_K,
    max_k: int = MAX_K,
    k_buffer: int = K_BUFFER,
    k_tolerance: float = K_TOLERANCE,
    k_rule: Literal["parsimony", "polis"] = "parsimony",
    pick_max: int = PICK_MAX,
) -> OpinionMapResult:
    """Run the opinion-map analysis on ``votes``.

    ``moderated_out`` statements are never shown; their votes count only in the projection scale and the
    vote threshold (as in Pol.is).  ``previous`` is the ``k_state`` of the previous run (``None`` for a first
    run).  ``k_rule`` chooses the number of groups: ``"parsimony"`` (ours, see ``docs/OPINION_MAP.md``) or
    ``"polis"`` (plain mean silhouette over base clusters, best k, ties to the larger).  The result depends
    only on the votes and ``previous``, not on the order of the rows; ``random_state`` is accepted for
    compatibility and unused (the k-means starts are deterministic, as in Pol.is).
    """
    prev = previous or PreviousState()
    n_all = len(votes.participant_ids)

    # 1. De-duplicate cells (last vote wins), then split off the moderated-out statements. As in Pol.is they
    # stay as all-zero columns: they carry no opinion, but every participant counts as having "voted" on
    # them in the projection scale. Only statements that received a vote are columns (Pol.is's matrix is
    # built from votes).
    mod = set(moderated_out)
    is_mod = np.array([s in mod for s in votes.statement_ids], dtype=bool)
    keep_stmt = ~is_mod
    statement_ids = tuple(s for s, k in zip(votes.statement_ids, keep_stmt, strict=True) if k)
    new_col = np.cumsum(keep_stmt) - 1
    all_rows, all_cols, all_vals = _dedupe(votes.rows, votes.cols, votes.values, len(votes.statement_ids))
    voted_col = np.bincount(all_cols, minlength=len(votes.statement_ids)) > 0
    n_columns = int(voted_col.sum())
    n_zeroed = int((voted_col & is_mod).sum())
    sel = keep_stmt[all_cols] if all_cols.size else np.zeros(0, dtype=bool)
    rows, cols, vals = all_rows[sel], new_col[all_cols[sel]], all_vals[sel]
    m = len(statement_ids)

    # Participants without any vote are left out entirely. Rows are put in participant-id order, so that
    # "first distinct points" (k-means starts) and ties never depend on the order of the input.
    n_votes_all = np.bincount(all_rows, minlength=n_all)  # moderated-out statements' votes count (Pol.is)
    voter_idx = np.flatnonzero(n_votes_all > 0)
    voter_idx = voter_idx[_id_order([votes.participant_ids[i] for i in voter_idx])]
    old_to_new = np.full(n_all, -1)
    old_to_new[voter_idx] = np.arange(voter_idx.size)
    participant_ids = tuple(votes.participant_ids[i] for i in voter_idx)
    rows = old_to_new[rows]
    n = len(participant_ids)
    n_votes = np.bincount(rows, minlength=n)  # votes on visible statements (projection)

    # 2. In-conversation participants: min(7, columns) votes, moderated-out statements included; sticky.
    in_conv = _in_conversation(
        participant_ids, n_votes_all[voter_idx], n_columns, prev.in_conversation, min_votes, greedy_n
    )

    # 3-4. PCA and sparsity-aware projection.
    col_n = np.bincount(cols, minlength=m)
    col_sum = np.bincount(cols, weights=vals, minlength=m)
    center = np.divide(col_sum, col_n, out=np.zeros(m), where=col_n > 0)
    centred = vals - center[cols]
    comps = _top_components(rows, cols, centred, n, m)
    comps = _orient(comps, statement_ids, prev)
    x_sparse = sp.csr_matrix((centred, (rows, cols)), shape=(n, m))
    all_coords = np.asarray(x_sparse @ comps.T)
    if n:
        all_coords *= _projection_scale(n_columns, n_votes + n_zeroed)[:, None]

    clustered_idx = np.flatnonzero(in_conv)
    clustered_ids = tuple(participant_ids[i] for i in clustered_idx)
    coords = all_coords[clustered_idx]

    # 5. Base clusters (Pol.is: k-means from the previous base clusters, else the first distinct points).
    base_labels, base_centres, base_weights, base_state = _base_clusters(coords, clustered_ids, base_k, prev)

    # 6. Groups over base-cluster centres, one clustering per k carried over between runs.
    group_labels_base, silhouettes, k_state_k, clusterings = _group_clusters(
        base_centres,
        base_weights,
        [cid for cid, _ in base_state],
        max_k,
        k_buffer,
        k_tolerance,
        k_rule,
        prev,
    )
    member_group = group_labels_base[base_labels] if len(base_labels) else np.zeros(0, dtype=int)
    n_groups = int(member_group.max()) + 1 if member_group.size else 0
    group_ids = _assign_group_ids(member_group, n_groups, clustered_ids, coords, prev)
    groups: list[Group] = []
    group_of_participant: dict = {}
    for g in range(n_groups):
        idx = np.flatnonzero(member_group == g)
        members = tuple(clustered_ids[i] for i in idx)
        centre = coords[idx].mean(axis=0)
        groups.append(Group(group_ids[g], members, (float(centre[0]), float(centre[1]))))
        for p in members:
            group_of_participant[p] = group_ids[g]
    order = sorted(range(n_groups), key=lambda g: group_ids[g])
    groups = [groups[g] for g in order]

    # 7. Statement statistics per group.
    repness, consensus, group_consensus, divisive = _statement_stats(
        rows, cols, vals, n, m, statement_ids, clustered_idx, member_group, group_ids, pick_max
    )

    last_k, last_k_count, smoothed_k = k_state_k
    k_state = PreviousState(
        in_conversation=frozenset(clustered_ids),
        last_k=last_k,
        last_k_count=last_k_count,
        smoothed_k=smoothed_k,
        groups={g.id: frozenset(g.members) for g in groups},
        statement_ids=statement_ids,
        components=tuple(tuple(float(x) for x in c) for c in comps),
        base_clusters=base_state,
        group_clusterings=clusterings,
    )
    return OpinionMapResult(
        participant_ids=participant_ids,
        statement_ids=statement_ids,
        clustered_participant_ids=clustered_ids,
        coords=coords,
        all_coords=all_coords,
        base_cluster=base_labels,
        base_centres=base_centres,
        group_of_participant=group_of_participant,
        groups=groups,
        repness=repness,
        consensus=consensus,
        group_consensus=group_consensus,
        divisive=divisive,
        silhouettes=silhouettes,
        k_state=k_state,
        pca_center=center,
        pca_components=comps,
        pca_columns=n_columns,
        pca_zeroed_columns=n_zeroed,
    )


def _projection_scale(n_columns: int, n_seen: np.ndarray | int) -> np.ndarray:
    """Pol.is's sparsity-aware scale ``sqrt(columns / own votes)``, zeroed (moderated-out) columns counting as votes."""
    return np.sqrt(n_columns / np.maximum(n_seen, 1))


def _sort_key(x: Any) -> tuple:
    return (type(x).__name__, x)


def _id_order(ids: Sequence) -> np.ndarray:
    """Positions that sort ``ids`` (mixed types allowed)."""
    return np.array(sorted(range(len(ids)), key=lambda i: _sort_key(ids[i])), dtype=np.int64)


def _dedupe(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, m: int) -> tuple:
    """Keep the last vote per (row, column) cell; the result is sorted by row, then column."""
    if rows.size == 0:
        return rows, cols, vals
    if rows.max() < 2**16 and m <= 2**16:
        # Two stable passes on 16-bit keys (numpy sorts those with a radix sort): by column, then by row.
        order = np.argsort(cols.astype(np.uint16), kind="stable")
        order = order[np.argsort(rows[order].astype(np.uint16), kind="stable")]
        ks = rows[order] * max(m, 1) + cols[order]
    else:
        key = rows * max(m, 1) + cols
        order = np.argsort(key, kind="stable")
        ks = key[order]
    last = np.ones(ks.size, dtype=bool)
    last[:-1] = ks[1:] != ks[:-1]
    idx = order[last]
    return rows[idx], cols[idx], vals[idx]


def _in_conversation(
    participant_ids: tuple, n_votes: np.ndarray, m: int, sticky: frozenset, min_votes: int, greedy_n: int
) -> np.ndarray:
    """Boolean mask: enough votes, or already in (sticky), topped up with heaviest voters to ``greedy_n``."""
    mask = n_votes >= min(min_votes, m)
    if sticky:
        mask |= np.array([p in sticky for p in participant_ids], dtype=bool)
    missing = greedy_n - int(mask.sum())
    if missing > 0:
        # Heaviest voters first; ties broken by position (stable sort).
        candidates = np.flatnonzero(~mask)
        order = candidates[np.argsort(-n_votes[candidates], kind="stable")]
        mask[order[:missing]] = True
    return mask


def _top_components(rows: np.ndarray, cols: np.ndarray, centred: np.ndarray, n: int, m: int) -> np.ndarray:
    """Top-2 eigenvectors of X^T X for the centred, mean-imputed matrix X (rows of the result)."""
    comps = np.zeros((2, m))
    if n < 2 or m < 1:
        return comps
    k = min(2, m)
    if m >= _LANCZOS_MIN_STATEMENTS:
        # Lanczos on the sparse matrix (X^T X is never formed), to machine precision from a fixed start: the
        # same eigenvectors as the dense solver to rounding, several times faster at 1,000 statements.
        x = sp.csr_matrix((centred, (rows, cols)), shape=(n, m))
        xt = x.T.tocsr()
        gram_op = scipy.sparse.linalg.LinearOperator((m, m), matvec=lambda v: xt @ (x @ v), dtype=float)
        values, vecs = scipy.sparse.linalg.eigsh(gram_op, k=k, which="LA", v0=np.ones(m), tol=_LANCZOS_TOL)
        vecs = vecs[:, np.argsort(values)]
    else:
        if n * m <= _DENSE_PCA_MAX_CELLS:
            dense = np.zeros((n, m))
            dense[rows, cols] = centred
            gram = dense.T @ dense
        else:
            x = sp.csr_matrix((centred, (rows, cols)), shape=(n, m))
            gram = (x.T @ x).toarray()
        _, vecs = scipy.linalg.eigh(gram, subset_by_index=[m - k, m - 1])
    comps[:k] = vecs[:, ::-1].T
    return comps


def _orient(comps: np.ndarray, statement_ids: tuple, prev: PreviousState) -> np.ndarray:
    """Fix the sign of each component: follow the previous run's axes if any, else largest loading > 0."""
    prev_map: dict = {}
    if prev.components and prev.statement_ids:
        prev_map = {s: j for j, s in enumerate(prev.statement_ids)}
    common = [(j, prev_map[s]) for j, s in enumerate(statement_ids) if s in prev_map]
    out = comps.copy()
    for c in range(out.shape[0]):
        ref = 0.0
        if common:
            a = np.array([out[c, j] for j, _ in common])
            b = np.array([prev.components[c][k] for _, k in common])
            ref = float(a @ b)
        if ref == 0.0 and out.shape[1]:
            ref = out[c, int(np.argmax(np.abs(out[c])))]
        if ref < 0:
            out[c] = -out[c]
    return out


def _nearest_two(points: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nearest centre of each point, its distance and the distance to the second nearest (inf if none)."""
    dist, idx = cKDTree(centres).query(points, k=2)
    return idx[:, 0], dist[:, 0], dist[:, 1]


def _weighted_centres(points: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    w = np.bincount(labels, weights=weights, minlength=k)
    sums = np.stack([np.bincount(labels, weights=weights * points[:, d], minlength=k) for d in range(2)], axis=1)
    return sums / np.where(w > 0, w, 1.0)[:, None]


def _same_clustering(c1: np.ndarray, c2: np.ndarray, threshold: float) -> bool:
    """Pol.is ``same-clustering?``: sorted centres pairwise closer than ``threshold``."""
    s1 = c1[np.lexsort((c1[:, 1], c1[:, 0]))]
    s2 = c2[np.lexsort((c2[:, 1], c2[:, 0]))]
    n = min(len(s1), len(s2))
    return bool(np.all(np.sqrt(((s1[:n] - s2[:n]) ** 2).sum(axis=1)) < threshold))


def _first_distinct(points: np.ndarray, k: int) -> np.ndarray:
    """Indices of the first ``k`` distinct points, in order (Pol.is ``init-clusters``)."""
    _, first = np.unique(points, axis=0, return_index=True)
    return np.sort(first)[:k]


def _clean_start(points: np.ndarray, weights: np.ndarray, members: list, k: int) -> tuple[list, list]:
    """Pol.is ``clean-start-clusters``: previous clusters recentred on the current points.

    ``members`` is ``[(cluster id, indices of its current points)]``. Empty clusters go, clusters with the same
    centre merge (the larger one's id), and while fewer than ``min(k, distinct points)`` clusters remain the
    point farthest from every centre is split off as a cluster of its own. Returns ``(ids, member index lists)``.
    """
    clusters = [(cid, np.asarray(idx, dtype=np.int64)) for cid, idx in members if len(idx)]
    if not clusters:
        return [0], [np.arange(points.shape[0])]

    def centre(idx: np.ndarray) -> np.ndarray:
        w = weights[idx]
        return (points[idx] * w[:, None]).sum(axis=0) / w.sum()

    merged: list[tuple[int, np.ndarray]] = []
    for cid, idx in clusters:
        c = centre(idx)
        for n, (oid, oidx) in enumerate(merged):
            if np.array_equal(centre(oidx), c):
                merged[n] = (oid if len(oidx) >= len(idx) else cid, np.concatenate([oidx, idx]))
                break
        else:
            merged.append((cid, idx))
    possible = min(k, np.unique(points, axis=0).shape[0])
    while len(merged) < possible:
        centres = np.array([centre(idx) for _, idx in merged])
        dist = np.sqrt(((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
        far = int(np.argmax(dist))
        if dist[far] <= 0:
            break
        new_id = max(cid for cid, _ in merged) + 1
        merged = [(cid, idx[idx != far]) for cid, idx in merged]
        merged = [(cid, idx) for cid, idx in merged if idx.size] + [(new_id, np.array([far]))]
    return [cid for cid, _ in merged], [idx for _, idx in merged]


def _kmeans(
    points: np.ndarray,
    weights: np.ndarray,
    k: int,
    previous: list | None,
    max_iters: int,
    threshold: float = 0.01,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pol.is-style k-means. Returns ``(cluster ids, centres, label of each point as a position in ids)``.

    Starts from ``previous`` clusters (``[(id, point indices)]``, cleaned with :func:`_clean_start`) or else from
    the first ``k`` distinct points in the order given; empty clusters are dropped; stops after ``max_iters``
    steps or once no centre moves by ``threshold`` or more.
    """
    if previous:
        ids_list, member_idx = _clean_start(points, weights, previous, k)
        ids = np.array(ids_list, dtype=np.int64)
        centres = np.array([(points[idx] * weights[idx, None]).sum(axis=0) / weights[idx].sum() for idx in member_idx])
    else:
        first = _first_distinct(points, k)
        ids, centres = np.arange(first.size), points[first]
    # Lloyd's iterations; Hamerly's bounds (distance to the own centre, lower bound to any other) skip the
    # points whose nearest centre cannot have changed, so each step costs far less than a full search.
    labels, upper, lower = _nearest_two(points, centres)
    for step in range(max_iters + 1):
        counts = np.bincount(labels, minlength=len(centres))
        used = np.flatnonzero(counts)
        remap = np.full(len(centres), -1)
        remap[used] = np.arange(used.size)
        labels = remap[labels]
        new_centres = _weighted_centres(points, weights, labels, used.size)
        done = step == max_iters or _same_clustering(centres, new_centres, threshold)
        moved = np.sqrt(((new_centres - centres[used]) ** 2).sum(axis=1))
        ids, centres = ids[used], new_centres
        if done:
            break
        upper = upper + moved[labels]
        lower = lower - moved.max()
        check = np.flatnonzero(upper > lower)
        if check.size:
            upper[check] = np.sqrt(((points[check] - centres[labels[check]]) ** 2).sum(axis=1))
            check = check[upper[check] > lower[check]]
        if check.size:
            labels[check], upper[check], lower[check] = _nearest_two(points[check], centres)
    return ids, centres, labels


def _base_clusters(coords: np.ndarray, clustered_ids: tuple, base_k: int, prev: PreviousState) -> tuple:
    """Up to ``base_k`` base clusters: ``(label of each point, centres, sizes, [(id, member ids)])``."""
    if coords.shape[0] == 0:
        return np.zeros(0, dtype=int), np.zeros((0, 2)), np.zeros(0), ()
    pos = {p: i for i, p in enumerate(clustered_ids)}
    previous = [(cid, [pos[p] for p in members if p in pos]) for cid, members in prev.base_clusters]
    ids, centres, labels = _kmeans(coords, np.ones(coords.shape[0]), base_k, previous, BASE_ITERS)
    order = np.argsort(ids, kind="stable")  # base clusters in id order (Pol.is sorts them by id)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    labels = rank[labels]
    sizes = np.bincount(labels, minlength=order.size).astype(float)
    state = tuple(
        (int(ids[b]), tuple(clustered_ids[i] for i in np.flatnonzero(labels == n))) for n, b in enumerate(order)
    )
    return labels, centres[order], sizes, state


def _group_clusters(
    centres: np.ndarray,
    weights: np.ndarray,
    base_ids: list[int],
    max_k: int,
    k_buffer: int,
    k_tolerance: float,
    k_rule: str,
    prev: PreviousState,
) -> tuple[np.ndarray, dict[int, float], tuple, dict]:
    """Group label per base cluster, silhouette per candidate k, new k-smoother state, clustering per k."""
    nb = centres.shape[0]
    keep_k = (prev.last_k, prev.last_k_count, prev.smoothed_k)
    if nb <= 2:
        return np.arange(nb), {}, keep_k, {}
    upper = min(max_k, 2 + nb // 12, nb - 1)
    dist = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    pos = {b: i for i, b in enumerate(base_ids)}
    labelings: dict[int, np.ndarray] = {}
    silhouettes: dict[int, float] = {}
    clusterings: dict[int, tuple] = {}
    for k in range(2, max(upper, 2) + 1):
        previous = [(gid, [pos[b] for b in bids if b in pos]) for gid, bids in prev.group_clusterings.get(k, ())]
        ids, _, labels = _kmeans(centres, weights, k, previous, GROUP_ITERS)
        labelings[k] = labels
        clusterings[k] = tuple(
            (int(gid), tuple(base_ids[i] for i in np.flatnonzero(labels == g))) for g, gid in enumerate(ids)
        )
        if np.unique(labels).size < 2:
            silhouettes[k] = -1.0
        elif k_rule == "polis":
            silhouettes[k] = _polis_silhouette(dist, labels)
        else:
            silhouettes[k] = _weighted_silhouette(dist, weights, labels)
    if k_rule == "polis":
        # Plain best; ties go to the larger k (Clojure's max-key keeps the last maximum).
        this_k = max(sorted(silhouettes), key=lambda k: (silhouettes[k], k))
    else:
        # Parsimony: walk up from k=2, a larger k must beat the best so far by more than k_tolerance.
        this_k = min(silhouettes)
        for k in sorted(silhouettes):
            if silhouettes[k] > silhouettes[this_k] + k_tolerance:
                this_k = k
    # k-smoother (Pol.is group-k-smoother): switch only after k_buffer consecutive wins.
    count = prev.last_k_count + 1 if prev.last_k == this_k else 1
    if count >= k_buffer or prev.smoothed_k is None:
        smoothed = this_k
    else:
        smoothed = prev.smoothed_k
    chosen = smoothed if smoothed in labelings else this_k
    return labelings[chosen], silhouettes, (this_k, count, smoothed), clusterings


def _polis_silhouette(dist: np.ndarray, labels: np.ndarray) -> float:
    """Pol.is ``silhouette``: plain mean over base clusters; a base cluster alone in its group scores 0.

    The same as the weighted silhouette with every base cluster weighing 1 (vectorised).
    """
    return _weighted_silhouette(dist, np.ones(labels.size), labels)


def _weighted_silhouette(dist: np.ndarray, weights: np.ndarray, labels: np.ndarray) -> float:
    """Silhouette of the participants, computed on base clusters (each standing for ``weight`` people).

    Every base cluster's members are placed at its centre; this is the participant-level silhouette of
    the grouping under that approximation (Pol.is averages the base clusters' silhouettes unweighted).
    """
    k = int(labels.max()) + 1
    onehot = np.zeros((labels.size, k))
    onehot[np.arange(labels.size), labels] = 1.0
    sums = dist @ (onehot * weights[:, None])  # weighted distance sums from each base cluster to each group
    totals = weights @ onehot
    own_n = totals[labels] - 1.0  # other participants in the own group
    a = np.divide(sums[np.arange(labels.size), labels], own_n, out=np.zeros(labels.size), where=own_n > 0)
    other = sums / totals[None, :]
    other[np.arange(labels.size), labels] = np.inf
    b = other.min(axis=1)
    den = np.maximum(a, b)
    s = np.divide(b - a, den, out=np.zeros(labels.size), where=(den > 0) & (own_n > 0))
    return float((s * weights).sum() / weights.sum())


def _assign_group_ids(
    member_group: np.ndarray, n_groups: int, clustered_ids: tuple, coords: np.ndarray, prev: PreviousState
) -> list[int]:
    """Stable ids: match new groups to previous ones by member overlap (Hungarian), else by size."""
    sizes = np.bincount(member_group, minlength=n_groups) if n_groups else np.zeros(0, dtype=int)
    ids: list[int | None] = [None] * n_groups
    if prev.groups and n_groups:
        prev_ids = sorted(prev.groups)
        overlap = np.zeros((n_groups, len(prev_ids)))
        for j, gid in enumerate(prev_ids):
            members = prev.groups[gid]
            in_prev = np.array([p in members for p in clustered_ids], dtype=bool)
            overlap[:, j] = np.bincount(member_group[in_prev], minlength=n_groups)
        r, c = linear_sum_assignment(-overlap)
        for i, j in zip(r, c, strict=True):
            if overlap[i, j] > 0:
                ids[i] = prev_ids[j]
    # Unmatched groups: largest first, smallest free id.
    taken = {i for i in ids if i is not None}
    free = (i for i in range(n_groups + len(prev.groups) + 1) if i not in taken)
    for g in sorted(range(n_groups), key=lambda g: (-sizes[g], g)):
        if ids[g] is None:
            ids[g] = next(free)
    return [int(i) for i in ids]  # type: ignore[arg-type]


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


def _statement_stats(
    rows: np.ndarray,
    cols: np.ndarray,
    vals: np.ndarray,
    n: int,
    m: int,
    statement_ids: tuple,
    clustered_idx: np.ndarray,
    member_group: np.ndarray,
    group_ids: list[int],
    pick_max: int,
) -> tuple:
    g_count = len(group_ids)
    empty = ({}, Consensus([], []), {}, [])
    if g_count == 0 or m == 0:
        return empty
    # Counts per (group, statement) over the clustered participants' votes.
    group_of_row = np.full(n, -1)
    group_of_row[clustered_idx] = member_group
    g = group_of_row[rows]
    sel = g >= 0
    key = g[sel] * m + cols[sel]
    v = vals[sel]

    def counts(weights: np.ndarray | None) -> np.ndarray:
        return np.bincount(key, weights=weights, minlength=g_count * m).reshape(g_count, m)

    na = counts((v > 0).astype(float))
    nd = counts((v < 0).astype(float))
    ns = counts(None).astype(float)
    pa = (na + 1.0) / (ns + 2.0)
    pd = (nd + 1.0) / (ns + 2.0)

    # Group-informed consensus.
    ga = np.prod(pa, axis=0)
    gd = np.prod(pd, axis=0)
    group_consensus = {s: (float(ga[j]), float(gd[j])) for j, s in enumerate(statement_ids)}
    consensus = Consensus(_top(ga, statement_ids, pick_max), _top(gd, statement_ids, pick_max))

    # Divisive: spread of the smoothed net agreement (pa - pd) across the groups that saw it.
    net = pa - pd
    seen = ns > 0
    hi = np.where(seen, net, -np.inf).max(axis=0)
    lo = np.where(seen, net, np.inf).min(axis=0)
    spread = np.where(seen.sum(axis=0) >= 2, (hi - lo) / 2.0, 0.0)
    divisive = [(s, v) for s, v in _top(spread, statement_ids, pick_max) if v > 0]

    repness: dict[int, list[RepStatement]] = {}
    if g_count >= 2:
        ra_rest_na, ra_rest_nd, ra_rest_ns = na.sum(0) - na, nd.sum(0) - nd, ns.sum(0) - ns
        ra = pa / ((ra_rest_na + 1.0) / (ra_rest_ns + 2.0))
        rd = pd / ((ra_rest_nd + 1.0) / (ra_rest_ns + 2.0))
        pat = _prop_test(na, ns)
        pdt = _prop_test(nd, ns)
        rat = _two_prop_test(na, ra_rest_na, ns, ra_rest_ns)
        rdt = _two_prop_test(nd, ra_rest_nd, ns, ra_rest_ns)
        for g in range(g_count):
            stats = {
                "na": na[g], "nd": nd[g], "ns": ns[g], "pa": pa[g], "pd": pd[g],
                "pat": pat[g], "pdt": pdt[g], "ra": ra[g], "rd": rd[g], "rat": rat[g], "rdt": rdt[g],
            }  # fmt: skip
            repness[group_ids[g]] = _select_rep(stats, statement_ids, pick_max)
    else:
        repness[group_ids[0]] = []
    return repness, consensus, group_consensus, divisive


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


# --------------------------------------------------------------------------------------------------
# Pol.is export loader
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolisExport:
    """A Pol.is conversation export: votes, comment metadata and Pol.is's own group per participant."""

    votes: VoteMatrix
    comments: dict  # statement_id -> {"moderated": int, "body": str, "author_id": int, ...}
    polis_group_ids: dict  # participant_id -> group id (participants Pol.is did not cluster omitted)

    @property
    def moderated_out(self) -> frozenset:
        return frozenset(s for s, c in self.comments.items() if c["moderated"] == -1)


def load_polis_export(directory: str | Path) -> PolisExport:
    """Read ``participants-votes.csv`` and ``comments.csv`` from a Pol.is export directory.

    Statement ids are the integer comment ids; participant ids the integer participant ids.
    """
    directory = Path(directory)
    comments: dict[int, dict[str, Any]] = {}
    with open(directory / "comments.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            sid = int(row["comment-id"])
            comments[sid] = {
                "moderated": int(row["moderated"]),
                "body": row["comment-body"],
                "author_id": int(row["author-id"]) if row.get("author-id") else None,
                "timestamp": int(row["timestamp"]) if row.get("timestamp") else None,
            }
    with open(directory / "participants-votes.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        vote_cols = [i for i, h in enumerate(header) if h.strip().lstrip("-").isdigit()]
        statement_ids = [int(header[i]) for i in vote_cols]
        p_col, g_col = header.index("participant"), header.index("group-id")
        participant_ids: list[int] = []
        groups: dict[int, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, line in enumerate(reader):
            pid = int(line[p_col])
            participant_ids.append(pid)
            if line[g_col].strip():
                groups[pid] = int(float(line[g_col]))
            for c, i in enumerate(vote_cols):
                cell = line[i].strip() if i < len(line) else ""
                if cell:
                    rows.append(r)
                    cols.append(c)
                    vals.append(float(cell))
    # Statements present in comments.csv but never voted on still belong to the conversation.
    extra = sorted(set(comments) - set(statement_ids))
    votes = VoteMatrix(
        tuple(participant_ids), tuple(statement_ids + extra), np.array(rows), np.array(cols), np.array(vals)
    )
    return PolisExport(votes=votes, comments=comments, polis_group_ids=groups)
