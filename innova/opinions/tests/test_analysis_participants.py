"""Who is clustered: the in-conversation participants, the vote threshold and its stickiness (no database)."""

from __future__ import annotations

import json

import numpy as np

from innova.opinions.analysis import PreviousState, VoteMatrix, analyse

from .vote_blocs import NAN, two_bloc_data


def test_fewer_than_15_qualifying_participants_are_topped_up_with_heaviest_voters():
    rng = np.random.default_rng(0)
    m = 10
    dense = np.full((20, m), NAN)
    n_votes = [10] * 8 + [6, 6, 5, 5, 4, 3, 3, 2, 2, 1, 1, 1]
    for i, k in enumerate(n_votes):
        dense[i, :k] = rng.choice([-1.0, 0.0, 1.0], size=k)
    pids = [f"p{i}" for i in range(20)]
    result = analyse(votes=VoteMatrix.from_dense(participant_ids=pids, statement_ids=range(m), matrix=dense))
    assert len(result.clustered_participant_ids) == 15
    # 8 qualifying + the 7 heaviest of the rest (6, 6, 5, 5, 4, 3, 3 votes).
    assert set(result.clustered_participant_ids) == set(pids[:15])
    assert set(result.group_of_participant) == set(pids[:15])


def test_participant_below_min_votes_is_not_clustered_but_placed():
    votes, a, b = two_bloc_data()
    dense = votes.to_dense()
    light = np.full((1, 12), NAN)
    light[0, :6] = 1.0  # 6 < min(7, 12)
    dense = np.vstack([dense, light])
    pids = a + b + ["light"]
    result = analyse(votes=VoteMatrix.from_dense(participant_ids=pids, statement_ids=votes.statement_ids, matrix=dense))
    assert "light" not in result.clustered_participant_ids
    assert "light" not in result.group_of_participant
    assert "light" in result.participant_ids
    row = result.all_coords[result.participant_ids.index("light")]
    assert np.isfinite(row).all()
    # The public projection helper agrees with the stored coordinates.
    np.testing.assert_allclose(result.project({f"s{j}": 1.0 for j in range(6)}), row)


def test_min_votes_threshold_is_capped_by_number_of_statements():
    rng = np.random.default_rng(1)
    dense = rng.choice([-1.0, 1.0], size=(20, 5))
    dense[0, 4] = NAN  # 4 votes of 5: below min(7, 5) = 5
    pids = [f"p{i}" for i in range(20)]
    result = analyse(votes=VoteMatrix.from_dense(participant_ids=pids, statement_ids=range(5), matrix=dense))
    assert set(result.clustered_participant_ids) == set(pids[1:])


def test_in_conversation_set_is_sticky():
    votes, a, b = two_bloc_data()
    dense = votes.to_dense()
    dense[0, 3:] = NAN  # a0 now has only 3 votes
    votes2 = VoteMatrix.from_dense(participant_ids=a + b, statement_ids=votes.statement_ids, matrix=dense)
    assert "a0" not in analyse(votes=votes2).clustered_participant_ids
    previous = PreviousState(in_conversation=frozenset(["a0"]))
    assert "a0" in analyse(votes=votes2, previous=previous).clustered_participant_ids


def test_votes_on_moderated_out_statements_count_for_the_seven_vote_threshold():
    # 6 visible statements and 2 moderated out, all voted on: the threshold is min(7, 8 columns) = 7 and a
    # participant with 5 visible + 2 moderated-out votes qualifies (Pol.is counts the raw votes).
    rng = np.random.default_rng(2)
    dense = rng.choice([-1.0, 1.0], size=(20, 8))
    dense[0, 5] = NAN  # 5 visible + 2 moderated-out votes = 7: in
    dense[1, 5] = dense[1, 6] = NAN  # 5 visible + 1 moderated-out vote = 6: out
    result = analyse(
        votes=VoteMatrix.from_dense(participant_ids=range(20), statement_ids=range(8), matrix=dense),
        moderated_out={6, 7},
    )
    assert 0 in result.clustered_participant_ids
    assert 1 not in result.clustered_participant_ids and 1 in result.participant_ids


def test_participant_who_qualified_stays_in_after_a_vote_is_removed():
    votes, a, b = two_bloc_data()
    dense = votes.to_dense()
    dense[0, :5] = NAN
    dense[0, 5:] = [-1, -1, -1, -1, -1, 1, 1]  # a0 has exactly 7 votes
    first = analyse(votes=VoteMatrix.from_dense(participant_ids=a + b, statement_ids=votes.statement_ids, matrix=dense))
    assert "a0" in first.clustered_participant_ids
    dense[0, 11] = NAN  # a vote is removed (e.g. its statement's votes were deleted): 6 left
    after = VoteMatrix.from_dense(participant_ids=a + b, statement_ids=votes.statement_ids, matrix=dense)
    state = PreviousState.from_dict(json.loads(json.dumps(first.k_state.to_dict())))  # as stored in the database
    assert "a0" in analyse(votes=after, previous=state).clustered_participant_ids
    assert "a0" not in analyse(votes=after).clustered_participant_ids
