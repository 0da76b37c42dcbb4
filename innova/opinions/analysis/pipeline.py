"""One run of the opinion-map analysis: :func:`analyse` chains the steps listed in the package's docstring."""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from .clustering import BASE_K, Grouping, group_participants
from .k_choice import K_BUFFER, K_TOLERANCE, MAX_K
from .participants import GREEDY_N, MIN_VOTES, in_conversation
from .projection import Projection, project_participants
from .result import OpinionMapResult
from .state import PreviousState
from .statements import PICK_MAX, StatementStats, statement_stats
from .votes import SID, CleanVotes, VoteMatrix, clean_votes


def analyse(
    *,
    votes: VoteMatrix,
    moderated_out: Collection[SID] = frozenset(),
    previous: PreviousState | None = None,
    random_state: int = 0,
    min_votes: int = MIN_VOTES,
    greedy_n: int = GREEDY_N,
    base_k: int = BASE_K,
    max_k: int = MAX_K,
    k_buffer: int = K_BUFFER,
    k_tolerance: float = K_TOLERANCE,
    k_rule: Literal["parsimony", "polis"] = "parsimony",
    pick_max: int = PICK_MAX,
) -> OpinionMapResult:
    """Run the opinion-map analysis on ``votes``.

    ``moderated_out`` statements are never shown; their votes count only in the projection scale and the
    vote threshold (as in Pol.is).  ``previous`` is the ``k_state`` of the previous run (``None`` for a first
    run).  ``k_rule`` chooses the number of groups: ``"parsimony"`` (ours, see ``docs/OPINION_MAP.md``) or
    ``"polis"`` (plain mean silhouette over base clusters, best k, ties to the larger).  The result depends
    only on the votes and ``previous``, not on the order of the rows; ``random_state`` is accepted for
    compatibility and unused (the k-means starts are deterministic, as in Pol.is).
    """
    prev = previous or PreviousState()
    clean = clean_votes(votes, moderated_out)
    in_conv = in_conversation(
        clean.participant_ids, clean.n_votes_all, clean.n_columns, prev.in_conversation, min_votes, greedy_n
    )
    projection = project_participants(clean, prev)
    grouping = group_participants(
        clean.participant_ids,
        projection.coords,
        in_conv,
        prev,
        base_k=base_k,
        max_k=max_k,
        k_buffer=k_buffer,
        k_tolerance=k_tolerance,
        k_rule=k_rule,
    )
    stats = statement_stats(clean, grouping.clustered_idx, grouping.member_group, grouping.group_ids, pick_max)
    return _result(clean, projection, grouping, stats)


def _result(clean: CleanVotes, projection: Projection, grouping: Grouping, stats: StatementStats) -> OpinionMapResult:
    last_k, last_k_count, smoothed_k = grouping.k_state
    k_state = PreviousState(
        in_conversation=frozenset(grouping.clustered_ids),
        last_k=last_k,
        last_k_count=last_k_count,
        smoothed_k=smoothed_k,
        groups={g.id: frozenset(g.members) for g in grouping.groups},
        statement_ids=clean.statement_ids,
        components=tuple(tuple(float(x) for x in c) for c in projection.components),
        base_clusters=grouping.base_state,
        group_clusterings=grouping.clusterings,
    )
    return OpinionMapResult(
        participant_ids=clean.participant_ids,
        statement_ids=clean.statement_ids,
        clustered_participant_ids=grouping.clustered_ids,
        coords=grouping.coords,
        all_coords=projection.coords,
        base_cluster=grouping.base_labels,
        base_centres=grouping.base_centres,
        group_of_participant=grouping.group_of_participant,
        groups=grouping.groups,
        repness=stats.repness,
        consensus=stats.consensus,
        group_consensus=stats.group_consensus,
        divisive=stats.divisive,
        silhouettes=grouping.silhouettes,
        k_state=k_state,
        pca_center=projection.center,
        pca_components=projection.components,
        pca_columns=clean.n_columns,
        pca_zeroed_columns=clean.n_zeroed,
    )
