"""Opinion-map analysis (Pol.is-style), as a pure numerical package.

This package has no Django imports: it takes a participant x statement vote matrix and returns
participant coordinates, opinion groups, representative statements per group, consensus and
divisive statements.  See ``docs/OPINION_MAP.md`` for where it follows Pol.is and where it
deliberately differs.

Vote encoding: ``1`` agree, ``-1`` disagree, ``0`` pass; a missing cell means "not seen".

Pipeline (one call to :func:`analyse`, in ``pipeline``), module by module:

1. ``votes``: de-duplicate votes (the last one wins); moderated-out statements stay as all-zero columns (as in
   Pol.is: never shown, but counted in the projection scale); rows in participant-id order;
2. ``participants``: decide the *in-conversation* participants (>= ``min(7, columns)`` votes, moderated-out ones
   included, sticky across runs through :class:`PreviousState` (``state``), topped up with the heaviest voters
   up to 15);
3. ``projection``: PCA of the vote matrix with unseen votes imputed by the column mean (so they are 0 once
   centred); exact top-2 eigenvectors of the covariance matrix;
4. ``projection``: sparsity-aware projection: each participant's centred votes on the statements they saw,
   dotted with the components and scaled by ``sqrt(columns / (own votes + zeroed columns))``;
5. ``clustering`` (with ``kmeans``): base clusters, Pol.is-style k-means with up to 100 clusters over the
   in-conversation projections, started from the previous base clusters or from the first distinct points;
6. ``clustering`` and ``k_choice``: groups, weighted k-means over the base-cluster centres for k in
   ``2..min(5, 2 + nb // 12)``, each k started from its previous clustering or the first distinct centres; k
   chosen by silhouette (``k_rule``) and smoothed over runs (a new k must win ``k_buffer`` consecutive runs);
   group ids are carried over from the previous run by membership overlap;
7. ``statements``: representative statements per group (Pol.is ``repness``), group-informed consensus and
   divisive statements.

The result types are in ``result``; ``polis_export`` reads a Pol.is conversation export.
"""

from .pipeline import analyse
from .polis_export import PolisExport, load_polis_export
from .result import Consensus, Group, OpinionMapResult, RepStatement
from .state import PreviousState
from .votes import VoteMatrix

__all__ = [
    "Consensus",
    "Group",
    "OpinionMapResult",
    "PolisExport",
    "PreviousState",
    "RepStatement",
    "VoteMatrix",
    "analyse",
    "load_polis_export",
]
