"""Opinion groups (steps 5 and 6): base clusters of the participants, then groups of the base clusters.

Base clusters: Pol.is-style k-means with up to 100 clusters over the in-conversation participants' points,
started from the previous base clusters or from the first distinct points. Groups: weighted k-means over the
base-cluster centres for each candidate k, each started from its previous clustering or the first distinct
centres; k is chosen in :mod:`.k_choice`; group ids are carried over from the previous run by membership overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from .k_choice import best_k, candidate_ks, silhouettes, smoothed_k
from .kmeans import kmeans
from .result import Group
from .state import PreviousState

#: Maximum number of base clusters (Pol.is ``base-k``: 100).
BASE_K = 100
#: k-means iterations for the base clusters and for the groups (Pol.is ``base-iters``; ``kmeans``'s default).
BASE_ITERS = 100
GROUP_ITERS = 20


@dataclass(frozen=True)
class Grouping:
    """The clustered participants (positions in the voters, ids, points), their base clusters and groups.

    ``member_group`` is each clustered participant's group as a position in ``group_ids``; ``k_state`` is the new
    ``(last_k, last_k_count, smoothed_k)`` and ``clusterings`` the group clustering of every candidate k.
    """

    clustered_idx: np.ndarray
    clustered_ids: tuple
    coords: np.ndarray
    base_labels: np.ndarray
    base_centres: np.ndarray
    base_state: tuple
    member_group: np.ndarray
    group_ids: list[int]
    groups: list[Group]
    group_of_participant: dict
    silhouettes: dict[int, float]
    k_state: tuple
    clusterings: dict


def group_participants(
    participant_ids: tuple,
    all_coords: np.ndarray,
    in_conv: np.ndarray,
    prev: PreviousState,
    *,
    base_k: int,
    max_k: int,
    k_buffer: int,
    k_tolerance: float,
    k_rule: str,
) -> Grouping:
    """Cluster the in-conversation participants (``in_conv`` mask) into base clusters, then groups."""
    clustered_idx = np.flatnonzero(in_conv)
    clustered_ids = tuple(participant_ids[i] for i in clustered_idx)
    coords = all_coords[clustered_idx]
    base_labels, base_centres, base_weights, base_state = base_clusters(coords, clustered_ids, base_k, prev)
    base_ids = [cid for cid, _ in base_state]
    group_of_base, scores, k_state, clusterings = _group_base_clusters(
        base_centres, base_weights, base_ids, max_k, k_buffer, k_tolerance, k_rule, prev
    )
    member_group = group_of_base[base_labels] if len(base_labels) else np.zeros(0, dtype=int)
    n_groups = int(member_group.max()) + 1 if member_group.size else 0
    group_ids = _assign_group_ids(member_group, n_groups, clustered_ids, prev)
    groups, group_of_participant = _groups(member_group, group_ids, clustered_ids, coords)
    return Grouping(
        clustered_idx=clustered_idx,
        clustered_ids=clustered_ids,
        coords=coords,
        base_labels=base_labels,
        base_centres=base_centres,
        base_state=base_state,
        member_group=member_group,
        group_ids=group_ids,
        groups=groups,
        group_of_participant=group_of_participant,
        silhouettes=scores,
        k_state=k_state,
        clusterings=clusterings,
    )


def base_clusters(coords: np.ndarray, clustered_ids: tuple, base_k: int, prev: PreviousState) -> tuple:
    """Up to ``base_k`` base clusters: ``(label of each point, centres, sizes, [(id, member ids)])``."""
    if coords.shape[0] == 0:
        return np.zeros(0, dtype=int), np.zeros((0, 2)), np.zeros(0), ()
    pos = {p: i for i, p in enumerate(clustered_ids)}
    previous = [(cid, [pos[p] for p in members if p in pos]) for cid, members in prev.base_clusters]
    ids, centres, labels = kmeans(coords, np.ones(coords.shape[0]), base_k, previous, BASE_ITERS)
    order = np.argsort(ids, kind="stable")  # base clusters in id order (Pol.is sorts them by id)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    labels = rank[labels]
    sizes = np.bincount(labels, minlength=order.size).astype(float)
    state = tuple(
        (int(ids[b]), tuple(clustered_ids[i] for i in np.flatnonzero(labels == n))) for n, b in enumerate(order)
    )
    return labels, centres[order], sizes, state


def _group_base_clusters(
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
    if nb <= 2:
        return np.arange(nb), {}, (prev.last_k, prev.last_k_count, prev.smoothed_k), {}
    labelings, clusterings = _clusterings_per_k(centres, weights, base_ids, max_k, prev)
    scores = silhouettes(centres, weights, labelings, k_rule)
    k_state = smoothed_k(best_k(scores, k_rule, k_tolerance), prev, k_buffer)
    this_k, _count, smoothed = k_state
    chosen = smoothed if smoothed in labelings else this_k
    return labelings[chosen], scores, k_state, clusterings


def _clusterings_per_k(
    centres: np.ndarray, weights: np.ndarray, base_ids: list[int], max_k: int, prev: PreviousState
) -> tuple[dict[int, np.ndarray], dict[int, tuple]]:
    """For each candidate k: the group label of each base cluster and ``[(group id, base-cluster ids)]``."""
    pos = {b: i for i, b in enumerate(base_ids)}
    labelings: dict[int, np.ndarray] = {}
    clusterings: dict[int, tuple] = {}
    for k in candidate_ks(centres.shape[0], max_k):
        previous = [(gid, [pos[b] for b in bids if b in pos]) for gid, bids in prev.group_clusterings.get(k, ())]
        ids, _, labels = kmeans(centres, weights, k, previous, GROUP_ITERS)
        labelings[k] = labels
        clusterings[k] = tuple(
            (int(gid), tuple(base_ids[i] for i in np.flatnonzero(labels == g))) for g, gid in enumerate(ids)
        )
    return labelings, clusterings


def _assign_group_ids(member_group: np.ndarray, n_groups: int, clustered_ids: tuple, prev: PreviousState) -> list[int]:
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


def _groups(
    member_group: np.ndarray, group_ids: list[int], clustered_ids: tuple, coords: np.ndarray
) -> tuple[list[Group], dict]:
    """The groups in id order (members and centre) and the group id of each clustered participant."""
    groups: list[Group] = []
    group_of_participant: dict = {}
    for g in range(len(group_ids)):
        idx = np.flatnonzero(member_group == g)
        members = tuple(clustered_ids[i] for i in idx)
        centre = coords[idx].mean(axis=0)
        groups.append(Group(group_ids[g], members, (float(centre[0]), float(centre[1]))))
        for p in members:
            group_of_participant[p] = group_ids[g]
    order = sorted(range(len(group_ids)), key=lambda g: group_ids[g])
    return [groups[g] for g in order], group_of_participant
