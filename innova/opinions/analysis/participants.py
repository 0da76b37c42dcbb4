"""Who enters the clustering (step 2): the *in-conversation* participants, sticky across runs."""

from __future__ import annotations

import numpy as np

#: Participants need ``min(MIN_VOTES, n_statements)`` votes to enter the clustering (Pol.is: 7).
MIN_VOTES = 7
#: If fewer participants qualify, the heaviest voters are added up to this many (Pol.is: 15).
GREEDY_N = 15


def in_conversation(
    participant_ids: tuple, n_votes: np.ndarray, m: int, sticky: frozenset, min_votes: int, greedy_n: int
) -> np.ndarray:
    """Boolean mask: enough votes, or already in (sticky), topped up with heaviest voters to ``greedy_n``.

    ``n_votes`` counts the votes on moderated-out statements too and ``m`` is the number of statements with a
    vote, moderated-out ones included (as in Pol.is).
    """
    mask = n_votes >= min(min_votes, m)
    if sticky:
        mask |= np.array([p in sticky for p in participant_ids], dtype=bool)
    missing = greedy_n - int(mask.sum())
    if missing > 0:
        # Heaviest voters first; ties broken by position (stable sort).
        candidates = np.flatnonzero(~mask)
        order = candidates[np.argsort(-n_votes[candidates], kind="stable")]
        mask[order[:missing]] = True
    return mask
