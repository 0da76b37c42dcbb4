"""The map's axes and scale: moderated-out columns in the scale, the iterative solver (no database)."""

from __future__ import annotations

import numpy as np

from innova.opinions.analysis import VoteMatrix, analyse, projection

from .vote_blocs import NAN, bloc_matrix


def test_moderated_out_statement_stays_as_a_zero_column_in_the_projection_scale():
    # Pol.is zeroes a moderated-out column instead of dropping it: everyone then counts as having voted on
    # it, so the scale is sqrt(columns / (own votes + zeroed columns)), here sqrt(5 / (k + 1)), not sqrt(4 / k).
    rng = np.random.default_rng(4)
    visible = rng.choice([-1.0, 0.0, 1.0], size=(20, 4))
    visible[rng.random((20, 4)) < 0.3] = NAN
    visible[:, 0] = rng.choice([-1.0, 1.0], size=20)  # everyone has at least one vote
    spam = np.where(np.arange(20) % 3 == 0, 1.0, NAN)[:, None]  # a few votes before it was moderated out
    never_voted = np.full((20, 1), NAN)
    pids = list(range(20))
    dropped = analyse(votes=VoteMatrix.from_dense(participant_ids=pids, statement_ids=range(4), matrix=visible))
    kept = analyse(
        votes=VoteMatrix.from_dense(
            participant_ids=pids,
            statement_ids=[0, 1, 2, 3, "spam", "new"],
            matrix=np.hstack([visible, spam, never_voted]),
        ),
        moderated_out={"spam"},
    )
    assert kept.statement_ids == (0, 1, 2, 3, "new")
    k = (~np.isnan(visible)).sum(axis=1)
    expected = dropped.all_coords * (np.sqrt(5 / (k + 1)) / np.sqrt(4 / k))[:, None]
    np.testing.assert_allclose(kept.all_coords, expected, atol=1e-12)
    # A newcomer placed later gets the same scale.
    np.testing.assert_allclose(
        kept.project({0: visible[0, 0], 1: 1.0}),
        dropped.project({0: visible[0, 0], 1: 1.0}) * np.sqrt(5 / 3) / np.sqrt(2),
    )


def test_many_statements_give_the_same_map_with_the_iterative_solver(monkeypatch):
    rng = np.random.default_rng(8)
    lean = rng.choice([-1.0, 1.0], size=(2, 320))
    dense = bloc_matrix([40, 40], lean, noise=0.2, skip=0.8, seed=8)
    votes = VoteMatrix.from_dense(participant_ids=range(80), statement_ids=range(320), matrix=dense)
    iterative = analyse(votes=votes)
    monkeypatch.setattr(projection, "_LANCZOS_MIN_STATEMENTS", 10**9)
    exact = analyse(votes=votes)
    np.testing.assert_allclose(iterative.pca_components, exact.pca_components, atol=1e-7)
    assert iterative.group_of_participant == exact.group_of_participant
