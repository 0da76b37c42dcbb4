"""Hand-made vote matrices with known answers, for the opinion-map analysis tests."""

from __future__ import annotations

import numpy as np

from innova.opinions.analysis import VoteMatrix

NAN = np.nan


def bloc_matrix(
    bloc_sizes: list[int], leanings: np.ndarray, *, noise: float = 0.1, skip: float = 0.1, seed: int = 0
) -> np.ndarray:
    """Dense votes (NaN = unseen): bloc b votes ``leanings[b, j]`` on statement j, with some noise.

    ``leanings`` entries are 1, -1, 0 (exactly that vote) or NaN (unseen by the bloc).
    """
    rng = np.random.default_rng(seed)
    rows = []
    for b, size in enumerate(bloc_sizes):
        for _ in range(size):
            row = leanings[b].astype(float).copy()
            flip = (rng.random(row.size) < noise) & (row != 0)
            row[flip] = 0.0  # noise: pass instead of the bloc's vote
            row[rng.random(row.size) < skip] = NAN
            rows.append(row)
    return np.array(rows)


def two_bloc_data(seed: int = 0) -> tuple[VoteMatrix, list[str], list[str]]:
    """20 + 20 participants, 12 statements.

    s0-s4: A agrees / B disagrees; s5-s9: A disagrees / B agrees (with noise);
    s10: everybody agrees (consensus); s11: A agrees, B disagrees, no noise, seen by all (divisive).
    """
    lean = np.array(
        [
            [1, 1, 1, 1, 1, -1, -1, -1, -1, -1, 1, 1],
            [-1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1, -1],
        ]
    )
    dense = bloc_matrix([20, 20], lean, seed=seed)
    rng = np.random.default_rng(seed + 1)
    # A little disagreement within each bloc on the bloc statements.
    for i in range(dense.shape[0]):
        j = rng.integers(0, 10)
        if not np.isnan(dense[i, j]):
            dense[i, j] = -dense[i, j] if dense[i, j] else 1.0
    dense[:, 10] = 1.0
    dense[:20, 11] = 1.0
    dense[20:, 11] = -1.0
    a = [f"a{i}" for i in range(20)]
    b = [f"b{i}" for i in range(20)]
    sids = [f"s{j}" for j in range(12)]
    return VoteMatrix.from_dense(participant_ids=a + b, statement_ids=sids, matrix=dense), a, b


def three_bloc_votes() -> VoteMatrix:
    lean = np.array(
        [
            [1, 1, 1, 1, -1, -1, -1, -1, 0, 0, 0, 0],
            [-1, -1, -1, -1, 1, 1, 1, 1, 1, 1, 1, 1],
            [1, 1, -1, -1, -1, -1, 1, 1, -1, -1, -1, -1],
        ]
    )
    dense = bloc_matrix([15, 15, 15], lean, noise=0.15, skip=0.05, seed=5)
    return VoteMatrix.from_dense(participant_ids=range(45), statement_ids=range(12), matrix=dense)


def groups_as_sets(result) -> list[frozenset]:
    return sorted((frozenset(g.members) for g in result.groups), key=lambda s: sorted(s))
