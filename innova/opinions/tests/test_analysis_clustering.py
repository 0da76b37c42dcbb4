"""Groups: k-means, group ids kept across runs, the choice of k and its smoother (no database)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from innova.opinions.analysis import PreviousState, VoteMatrix, analyse
from innova.opinions.analysis.k_choice import polis_silhouette
from innova.opinions.analysis.kmeans import kmeans

from .vote_blocs import three_bloc_votes, two_bloc_data


def test_kmeans_starts_from_the_first_distinct_points_and_drops_empty_clusters():
    points = np.array([[0.0, 0.0], [0.0, 0.0], [0.2, 0.0], [10.0, 0.0], [10.2, 0.0]])
    ids, centres, labels = kmeans(points, np.ones(5), 2, None, 100)
    # Starts at (0, 0) and (0.2, 0): the second centre then takes the two far points.
    assert labels.tolist() == [0, 0, 0, 1, 1]
    np.testing.assert_allclose(centres, [[0.2 / 3, 0.0], [10.1, 0.0]])
    # From previous clusters: 7 (no members left) goes; with k = 3 the farthest points are split off as 5 and
    # 6; the old cluster 4 (now between them) ends up empty and is dropped.
    ids, centres, labels = kmeans(points, np.ones(5), 3, [(4, [0, 1, 2, 3, 4]), (7, [])], 100)
    assert sorted(ids.tolist()) == [5, 6] and len(centres) == 2
    assert labels[0] == labels[1] == labels[2] != labels[3] == labels[4]


def test_group_kmeans_weights_base_clusters_and_keeps_a_clustering_per_k():
    votes = three_bloc_votes()
    first = analyse(votes=votes)
    assert set(first.k_state.group_clusterings) == set(first.silhouettes)
    members = [p for _, ms in first.k_state.base_clusters for p in ms]
    assert sorted(members) == sorted(first.clustered_participant_ids)
    again = analyse(votes=votes, previous=first.k_state)
    assert again.k_state.base_clusters == first.k_state.base_clusters
    assert again.k_state.group_clusterings == first.k_state.group_clusterings
    assert again.group_of_participant == first.group_of_participant


def test_group_identity_is_kept_across_a_recomputation():
    votes, a, b = two_bloc_data()
    first = analyse(votes=votes)
    gid_a = first.group_of_participant["a0"]
    # Pretend history gave the groups the other ids: the next run must follow the state, not the size order.
    swapped = dataclasses.replace(first.k_state, groups={1 - g: members for g, members in first.k_state.groups.items()})
    # A few extra votes: four newcomers (so the groups' sizes now differ) and some changed votes.
    dense = votes.to_dense()
    dense[0, 0] = 0.0
    dense[25, 5] = 0.0
    row_a = [1, 1, 1, 1, 1, -1, -1, -1, -1, -1, 1, 1]
    row_b = [-1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1, -1]
    dense = np.vstack([dense, [row_a, row_a, row_a, row_b]])
    votes2 = VoteMatrix.from_dense(
        participant_ids=a + b + ["newA", "newA2", "newA3", "newB"],
        statement_ids=votes.statement_ids,
        matrix=dense,
    )
    second = analyse(votes=votes2, previous=first.k_state)
    assert all(second.group_of_participant[p] == gid_a for p in a + ["newA"])
    assert all(second.group_of_participant[p] == 1 - gid_a for p in b + ["newB"])
    third = analyse(votes=votes2, previous=swapped)
    assert all(third.group_of_participant[p] == 1 - gid_a for p in a + ["newA"])
    assert all(third.group_of_participant[p] == gid_a for p in b + ["newB"])


def test_k_changes_only_after_several_consecutive_wins():
    votes = three_bloc_votes()
    fresh = analyse(votes=votes)
    assert len(fresh.groups) == 3 and fresh.k_state.last_k == 3
    # History says k=2 has been in use: k=3 must win K_BUFFER (4) consecutive updates first.
    state = PreviousState(last_k=2, last_k_count=9, smoothed_k=2)
    counts = []
    for _ in range(5):
        result = analyse(votes=votes, previous=state)
        counts.append(len(result.groups))
        state = result.k_state
    assert counts == [2, 2, 2, 3, 3]
    assert state.last_k == 3 and state.smoothed_k == 3


def test_k_win_streak_is_reset_by_an_interruption():
    votes = three_bloc_votes()
    state = PreviousState(last_k=3, last_k_count=3, smoothed_k=2)
    assert len(analyse(votes=votes, previous=state).groups) == 3
    state = PreviousState(last_k=4, last_k_count=3, smoothed_k=2)  # streak of another k
    result = analyse(votes=votes, previous=state)
    assert len(result.groups) == 2 and result.k_state.last_k_count == 1


def test_polis_silhouette_is_the_plain_mean_over_base_clusters_with_singletons_scoring_zero():
    centres = np.array([[0.0, 0.0], [0.0, 1.0], [4.0, 0.0], [4.0, 1.0], [9.0, 9.0]])
    labels = np.array([0, 0, 1, 1, 2])
    dist = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    expected = []
    for i in range(labels.size):
        own = [j for j in range(labels.size) if labels[j] == labels[i] and j != i]
        if not own:
            expected.append(0.0)  # alone in its group
            continue
        a = dist[i, own].mean()
        b = min(dist[i, labels == g].mean() for g in set(labels.tolist()) if g != labels[i])
        expected.append((b - a) / max(a, b))
    assert polis_silhouette(dist, labels) == pytest.approx(np.mean(expected))
