"""The analysis' input: duplicate votes, the de-duplication and the Pol.is export reader (no database)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from innova.opinions.analysis import PreviousState, VoteMatrix, analyse, load_polis_export
from innova.opinions.analysis.votes import dedupe


def test_duplicate_votes_last_one_wins_and_state_round_trips_through_json():
    triples = [(p, s, 1.0) for p in range(20) for s in range(8)] + [(0, 0, -1.0)]
    result = analyse(votes=VoteMatrix.from_triples(triples))
    assert result.pca_center[0] == pytest.approx(18 / 20)
    state = result.k_state
    assert PreviousState.from_dict(json.loads(json.dumps(state.to_dict()))) == state


def test_deduplication_keeps_the_last_vote_on_both_sorting_paths():
    rows = np.array([2, 0, 2, 1, 0, 2])
    cols = np.array([1, 3, 1, 0, 3, 0])
    vals = np.array([1.0, -1.0, 0.0, 1.0, 1.0, -1.0])
    expected = ([0, 1, 2, 2], [3, 0, 0, 1], [1.0, 1.0, -1.0, 0.0])
    for m in (4, 2**17):  # radix path (16-bit keys) and general path
        r, c, v = dedupe(rows, cols, vals, m)
        assert (r.tolist(), c.tolist(), v.tolist()) == expected


def test_load_polis_export_reads_votes_groups_and_moderation(tmp_path):
    (tmp_path / "comments.csv").write_text(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        '1,x,0,0,1,0,1,"Hello, world"\n1,x,1,0,0,1,-1,spam\n1,x,2,1,0,0,0,never voted\n'
    )
    (tmp_path / "participants-votes.csv").write_text(
        "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n0,1,1,2,1,1,1,-1\n1,,0,1,0,0,,0\n"
    )
    export = load_polis_export(tmp_path)
    assert export.votes.statement_ids == (0, 1, 2)
    assert export.moderated_out == {1}
    assert export.polis_group_ids == {0: 1}
    dense = export.votes.to_dense()
    np.testing.assert_array_equal(np.isnan(dense), [[False, False, True], [True, False, True]])
    assert dense[0, 0] == 1 and dense[0, 1] == -1 and dense[1, 1] == 0
    assert export.comments[0]["body"] == "Hello, world"
