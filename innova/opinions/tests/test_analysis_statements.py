"""What the groups think of the statements: consensus, representative and divisive ones (no database)."""

from __future__ import annotations

from innova.opinions.analysis import analyse

from .vote_blocs import two_bloc_data


def test_statement_everyone_agrees_on_is_top_consensus():
    votes, _, _ = two_bloc_data()
    result = analyse(votes=votes)
    assert result.consensus.agree[0][0] == "s10"
    assert result.consensus.agree[0][1] > 0.8
    assert "s10" not in [s for s, _ in result.divisive]
    # s10 is the weakest disagreement consensus of all.
    assert result.group_consensus["s10"][1] == min(d for _, d in result.group_consensus.values())


def test_split_statement_is_representative_in_the_right_direction_and_top_divisive():
    votes, a, b = two_bloc_data()
    result = analyse(votes=votes)
    gid_a = result.group_of_participant[a[0]]
    gid_b = result.group_of_participant[b[0]]
    rep_a = {r.statement_id: r for r in result.repness[gid_a]}
    rep_b = {r.statement_id: r for r in result.repness[gid_b]}
    assert rep_a["s11"].direction == "agree"
    assert rep_b["s11"].direction == "disagree"
    assert rep_a["s11"].n_success == 20 and rep_a["s11"].n_trials == 20
    assert rep_a["s11"].repness_test > 1.2816 and rep_a["s11"].p_test > 1.2816
    assert result.divisive[0][0] == "s11"
    # Consensus statement is not representative of either group.
    assert "s10" not in rep_a and "s10" not in rep_b
    for reps in result.repness.values():
        assert 1 <= len(reps) <= 5
        directions = [r.direction for r in reps]
        assert directions == sorted(directions)  # agrees before disagrees


def test_moderated_out_statement_never_appears():
    votes, _, _ = two_bloc_data()
    result = analyse(votes=votes, moderated_out={"s10", "s11"})
    assert "s10" not in result.statement_ids and "s11" not in result.statement_ids
    everything = [s for s, _ in result.consensus.agree + result.consensus.disagree + result.divisive]
    everything += [r.statement_id for reps in result.repness.values() for r in reps]
    everything += list(result.group_consensus)
    assert everything and "s10" not in everything and "s11" not in everything
    assert result.pca_components.shape == (2, 10)
