"""The input: a participant x statement vote matrix, and its cleaning before the analysis (step 1).

Vote encoding: ``1`` agree, ``-1`` disagree, ``0`` pass; a missing cell means "not seen".
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

PID = Hashable
SID = Hashable


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


@dataclass(frozen=True)
class CleanVotes:
    """The votes the analysis works on: one per cell, visible statements only, voters in participant-id order.

    ``rows``/``cols``/``vals`` index ``participant_ids``/``statement_ids`` (moderated-out statements removed).
    ``n_votes_all`` counts each voter's votes moderated-out statements included (the 7-vote threshold, as in
    Pol.is); ``n_columns`` is the number of statements with a vote and ``n_zeroed`` how many of them are
    moderated out (the projection scale).
    """

    participant_ids: tuple
    statement_ids: tuple
    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    n_votes_all: np.ndarray
    n_columns: int
    n_zeroed: int

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.participant_ids), len(self.statement_ids)


def clean_votes(votes: VoteMatrix, moderated_out: Collection[SID]) -> CleanVotes:
    """De-duplicate cells (last vote wins), split off the moderated-out statements, order the voters.

    As in Pol.is, moderated-out statements stay as all-zero columns: they carry no opinion, but every participant
    counts as having "voted" on them in the projection scale. Only statements that received a vote are columns
    (Pol.is's matrix is built from votes). Participants without any vote are left out entirely; rows are put in
    participant-id order, so that "first distinct points" (k-means starts) and ties never depend on the order
    of the input.
    """
    mod = set(moderated_out)
    is_mod = np.array([s in mod for s in votes.statement_ids], dtype=bool)
    keep_stmt = ~is_mod
    statement_ids = tuple(s for s, k in zip(votes.statement_ids, keep_stmt, strict=True) if k)
    new_col = np.cumsum(keep_stmt) - 1
    all_rows, all_cols, all_vals = dedupe(votes.rows, votes.cols, votes.values, len(votes.statement_ids))
    voted_col = np.bincount(all_cols, minlength=len(votes.statement_ids)) > 0
    sel = keep_stmt[all_cols] if all_cols.size else np.zeros(0, dtype=bool)
    rows, cols, vals = all_rows[sel], new_col[all_cols[sel]], all_vals[sel]

    n_all = len(votes.participant_ids)
    n_votes_all = np.bincount(all_rows, minlength=n_all)  # moderated-out statements' votes count (Pol.is)
    voter_idx = np.flatnonzero(n_votes_all > 0)
    voter_idx = voter_idx[id_order([votes.participant_ids[i] for i in voter_idx])]
    old_to_new = np.full(n_all, -1)
    old_to_new[voter_idx] = np.arange(voter_idx.size)
    return CleanVotes(
        participant_ids=tuple(votes.participant_ids[i] for i in voter_idx),
        statement_ids=statement_ids,
        rows=old_to_new[rows],
        cols=cols,
        vals=vals,
        n_votes_all=n_votes_all[voter_idx],
        n_columns=int(voted_col.sum()),
        n_zeroed=int((voted_col & is_mod).sum()),
    )


def dedupe(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, m: int) -> tuple:
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


def sort_key(x: Any) -> tuple:
    """Orders ids of mixed types: by type name, then by value."""
    return (type(x).__name__, x)


def id_order(ids: Sequence) -> np.ndarray:
    """Positions that sort ``ids`` (mixed types allowed)."""
    return np.array(sorted(range(len(ids)), key=lambda i: sort_key(ids[i])), dtype=np.int64)
