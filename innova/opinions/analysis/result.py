"""What the analysis returns: the groups, their representative statements, consensus, and the map itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .projection import projection_scale
from .state import PreviousState
from .votes import SID


@dataclass(frozen=True)
class Group:
    """An opinion group: stable ``id`` (use it for the colour), member participant ids, 2-D centre."""

    id: int
    members: tuple
    centre: tuple[float, float]


@dataclass(frozen=True)
class RepStatement:
    """A statement representative of a group (Pol.is ``repness`` fields)."""

    statement_id: SID
    direction: Literal["agree", "disagree"]
    p_success: float  # smoothed probability that a group member agrees (disagrees)
    p_test: float  # one-proportion z statistic of that probability against 0.5
    repness: float  # p_success divided by the same probability among the other groups
    repness_test: float  # two-proportion z statistic of group vs. the other groups
    n_success: int
    n_trials: int
    best_agree: bool = False  # the statement Pol.is puts first as "what this group agrees on"


@dataclass(frozen=True)
class Consensus:
    """Group-informed consensus: ``(statement_id, score)`` pairs, best first."""

    agree: list[tuple[SID, float]]
    disagree: list[tuple[SID, float]]


@dataclass(frozen=True)
class OpinionMapResult:
    """Everything the opinion map shows.

    ``coords`` has one row per entry of ``clustered_participant_ids``; ``all_coords`` one row per
    entry of ``participant_ids`` (everyone with at least one vote is placed, only the
    in-conversation participants are clustered).  ``statement_ids`` excludes moderated-out ones.
    """

    participant_ids: tuple
    statement_ids: tuple
    clustered_participant_ids: tuple
    coords: np.ndarray
    all_coords: np.ndarray
    base_cluster: np.ndarray  # base-cluster label of each clustered participant
    base_centres: np.ndarray
    group_of_participant: dict
    groups: list[Group]
    repness: dict[int, list[RepStatement]]
    consensus: Consensus
    group_consensus: dict  # statement_id -> (agree score, disagree score), for every statement
    divisive: list[tuple[SID, float]]
    silhouettes: dict[int, float]
    k_state: PreviousState
    pca_center: np.ndarray
    pca_components: np.ndarray  # shape (2, n_statements)
    pca_columns: int = 0  # statements with at least one vote, moderated-out ones included (projection scale)
    pca_zeroed_columns: int = 0  # moderated-out statements with votes: every participant "voted" 0 on them

    def project(self, votes: Mapping[SID, float]) -> np.ndarray:
        """Place any participant (e.g. a newcomer) on the map from ``{statement_id: vote}``.

        Unknown and moderated-out statements are ignored; uses the sparsity-aware scaling.
        """
        index = {s: j for j, s in enumerate(self.statement_ids)}
        js = [index[s] for s in votes if s in index]
        if not js:
            return np.zeros(2)
        x = np.array([float(votes[self.statement_ids[j]]) for j in js]) - self.pca_center[js]
        point = self.pca_components[:, js] @ x
        return point * projection_scale(self.pca_columns, len(js) + self.pca_zeroed_columns)
