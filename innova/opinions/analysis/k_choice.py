"""How many groups (step 6): silhouette of each candidate k, the rule that picks one, and the k-smoother."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .state import PreviousState

#: Maximum number of groups (Pol.is ``max-k``: 5).
MAX_K = 5
#: A new best k must win this many consecutive runs before it is used (Pol.is ``group-k-buffer``: 4).
K_BUFFER = 4
#: A larger k must beat the best smaller k's silhouette by more than this to be chosen (parsimony).
K_TOLERANCE = 0.02


def candidate_ks(n_base_clusters: int, max_k: int) -> range:
    """The numbers of groups tried over ``n_base_clusters`` base clusters: ``2..min(max_k, 2 + nb // 12)``."""
    upper = min(max_k, 2 + n_base_clusters // 12, n_base_clusters - 1)
    return range(2, max(upper, 2) + 1)


def silhouettes(
    centres: np.ndarray, weights: np.ndarray, labelings: Mapping[int, np.ndarray], k_rule: str
) -> dict[int, float]:
    """Silhouette of the grouping of the base clusters for each k (-1 when it has a single group)."""
    dist = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    scores: dict[int, float] = {}
    for k, labels in labelings.items():
        if np.unique(labels).size < 2:
            scores[k] = -1.0
        elif k_rule == "polis":
            scores[k] = polis_silhouette(dist, labels)
        else:
            scores[k] = _weighted_silhouette(dist, weights, labels)
    return scores


def best_k(scores: Mapping[int, float], k_rule: str, k_tolerance: float) -> int:
    """The k this run's silhouettes prefer."""
    if k_rule == "polis":
        # Plain best; ties go to the larger k (Clojure's max-key keeps the last maximum).
        return max(sorted(scores), key=lambda k: (scores[k], k))
    # Parsimony: walk up from k=2, a larger k must beat the best so far by more than k_tolerance.
    this_k = min(scores)
    for k in sorted(scores):
        if scores[k] > scores[this_k] + k_tolerance:
            this_k = k
    return this_k


def smoothed_k(this_k: int, prev: PreviousState, k_buffer: int) -> tuple[int, int, int]:
    """Pol.is ``group-k-smoother``: switch only after ``k_buffer`` consecutive wins.

    Returns the new ``(last_k, last_k_count, smoothed_k)``.
    """
    count = prev.last_k_count + 1 if prev.last_k == this_k else 1
    if count >= k_buffer or prev.smoothed_k is None:
        smoothed = this_k
    else:
        smoothed = prev.smoothed_k
    return this_k, count, smoothed


def polis_silhouette(dist: np.ndarray, labels: np.ndarray) -> float:
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
