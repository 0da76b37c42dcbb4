"""Pol.is-style k-means in two dimensions, used for the base clusters and for the groups (steps 5 and 6).

Deterministic: it starts from the previous run's clusters (recentred on the current points) or from the first
distinct points, so the same points in the same order always give the same clusters.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree


def kmeans(
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


def _first_distinct(points: np.ndarray, k: int) -> np.ndarray:
    """Indices of the first ``k`` distinct points, in order (Pol.is ``init-clusters``)."""
    _, first = np.unique(points, axis=0, return_index=True)
    return np.sort(first)[:k]


def _same_clustering(c1: np.ndarray, c2: np.ndarray, threshold: float) -> bool:
    """Pol.is ``same-clustering?``: sorted centres pairwise closer than ``threshold``."""
    s1 = c1[np.lexsort((c1[:, 1], c1[:, 0]))]
    s2 = c2[np.lexsort((c2[:, 1], c2[:, 0]))]
    n = min(len(s1), len(s2))
    return bool(np.all(np.sqrt(((s1[:n] - s2[:n]) ** 2).sum(axis=1)) < threshold))


def _weighted_centres(points: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    w = np.bincount(labels, weights=weights, minlength=k)
    sums = np.stack([np.bincount(labels, weights=weights * points[:, d], minlength=k) for d in range(2)], axis=1)
    return sums / np.where(w > 0, w, 1.0)[:, None]


def _nearest_two(points: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nearest centre of each point, its distance and the distance to the second nearest (inf if none)."""
    dist, idx = cKDTree(centres).query(points, k=2)
    return idx[:, 0], dist[:, 0], dist[:, 1]
