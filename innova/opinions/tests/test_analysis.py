"""The opinion-map analysis end to end: hand-made blocs, any matrix, real Pol.is conversations (no database).

Each step's own tests are in the ``test_analysis_*`` modules next to this one.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from innova.opinions.analysis import VoteMatrix, analyse, load_polis_export

from .polis_data import BREXIT, LAND_BANK, polis_conversation
from .vote_blocs import NAN, bloc_matrix, groups_as_sets, three_bloc_votes, two_bloc_data

CONVERSATIONS = [BREXIT, LAND_BANK]


def test_two_opposed_blocs_give_two_groups_with_the_right_members():
    votes, a, b = two_bloc_data()
    result = analyse(votes=votes)
    assert len(result.groups) == 2
    assert groups_as_sets(result) == sorted([frozenset(a), frozenset(b)], key=lambda s: sorted(s))
    ga = {result.group_of_participant[p] for p in a}
    gb = {result.group_of_participant[p] for p in b}
    assert len(ga) == len(gb) == 1 and ga != gb
    # Group centres lie on opposite sides along the first axis.
    xa = result.coords[[result.clustered_participant_ids.index(p) for p in a], 0].mean()
    xb = result.coords[[result.clustered_participant_ids.index(p) for p in b], 0].mean()
    assert np.sign(xa) == -np.sign(xb)


def test_nan_heavy_rows_are_handled():
    votes, a, b = two_bloc_data()
    dense = votes.to_dense()
    # Half the participants of each bloc saw exactly 7 of the 12 statements (5 NaN each).
    rng = np.random.default_rng(3)
    for i in list(range(10)) + list(range(20, 30)):
        sign = 1.0 if i < 20 else -1.0
        dense[i] = NAN
        others = rng.choice(np.arange(2, 10), size=4, replace=False)
        dense[i, [0, 1, 11]] = sign
        dense[i, others] = np.where(others < 5, sign, -sign)
    votes = VoteMatrix.from_dense(participant_ids=a + b, statement_ids=votes.statement_ids, matrix=dense)
    result = analyse(votes=votes)
    assert np.isfinite(result.coords).all() and np.isfinite(result.all_coords).all()
    assert int(np.isnan(dense).sum(axis=1).max()) >= 5
    assert set(result.clustered_participant_ids) == set(a + b)
    assert groups_as_sets(result) == sorted([frozenset(a), frozenset(b)], key=lambda s: sorted(s))


@pytest.mark.parametrize("seed", range(5))
def test_same_votes_in_any_row_order_give_the_same_groups(seed):
    lean = np.array([[1, 1, 1, -1, -1, 0, 1, -1], [-1, -1, 1, 1, 1, 0, -1, 1], [1, -1, -1, 1, -1, 1, 0, 0]])
    dense = bloc_matrix([25, 20, 15], lean, noise=0.3, skip=0.3, seed=11)
    pids = [f"p{i:02d}" for i in range(60)]
    reference = analyse(votes=VoteMatrix.from_dense(participant_ids=pids, statement_ids=range(8), matrix=dense))
    order = np.random.default_rng(seed).permutation(60)
    shuffled = analyse(
        votes=VoteMatrix.from_dense(
            participant_ids=[pids[i] for i in order], statement_ids=range(8), matrix=dense[order]
        )
    )
    assert shuffled.group_of_participant == reference.group_of_participant
    assert shuffled.k_state == reference.k_state


def test_deterministic_for_fixed_random_state():
    votes = three_bloc_votes()
    r1, r2 = analyse(votes=votes, random_state=7), analyse(votes=votes, random_state=7)
    np.testing.assert_array_equal(r1.coords, r2.coords)
    assert r1.group_of_participant == r2.group_of_participant
    assert r1.repness == r2.repness and r1.consensus == r2.consensus and r1.divisive == r2.divisive


@st.composite
def random_votes(draw):
    n = draw(st.integers(min_value=0, max_value=60))
    m = draw(st.integers(min_value=1, max_value=15))
    density = draw(st.floats(min_value=0.05, max_value=1.0))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    dense = rng.choice([-1.0, 0.0, 1.0], size=(n, m))
    dense[rng.random((n, m)) > density] = NAN
    return VoteMatrix.from_dense(participant_ids=range(n), statement_ids=range(m), matrix=dense)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(votes=random_votes())
def test_any_matrix_gives_a_consistent_partition(votes):
    result = analyse(votes=votes)
    assert np.isfinite(result.coords).all() and np.isfinite(result.all_coords).all()
    assert result.coords.shape == (len(result.clustered_participant_ids), 2)
    clustered = set(result.clustered_participant_ids)
    seen = [p for g in result.groups for p in g.members]
    assert len(seen) == len(set(seen)) == len(clustered)  # every clustered participant in exactly one group
    assert set(seen) == clustered == set(result.group_of_participant)
    assert len({g.id for g in result.groups}) == len(result.groups)
    n_distinct = len(np.unique(result.coords, axis=0)) if len(clustered) else 0
    if n_distinct >= 2:
        assert 2 <= len(result.groups) <= 5
    assert min(15, len(result.participant_ids)) <= len(clustered)
    for reps in result.repness.values():
        assert len(reps) <= 5


@pytest.mark.parametrize(("name", "min_ari"), list(zip(CONVERSATIONS, [0.87, 0.97], strict=True)))
def test_real_conversation_matches_polis_groups(name, min_ari):
    export = load_polis_export(polis_conversation(name))
    result = analyse(votes=export.votes, moderated_out=export.moderated_out)
    both = [p for p in result.clustered_participant_ids if p in export.polis_group_ids]
    assert len(both) >= 0.9 * len(export.polis_group_ids)
    ari = adjusted_rand_score([export.polis_group_ids[p] for p in both], [result.group_of_participant[p] for p in both])
    assert ari >= min_ari  # 0.876 and 0.976 measured (docs/OPINION_MAP.md)
    assert not set(export.moderated_out) & set(result.statement_ids)
