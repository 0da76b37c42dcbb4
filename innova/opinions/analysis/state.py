"""What one run of the analysis carries to the next, so that results evolve smoothly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .votes import sort_key


@dataclass(frozen=True)
class PreviousState:
    """What one run hands to the next so that results evolve smoothly.

    ``in_conversation`` is sticky (participants never leave the clustering), ``groups`` lets group ids
    (and colours) survive a recomputation, ``last_k``/``last_k_count``/``smoothed_k`` implement the
    k-smoother and ``components`` keeps the orientation of the map's axes.  ``base_clusters``
    (``(id, member ids)`` pairs) and ``group_clusterings`` (per k, ``(id, base-cluster ids)`` pairs) are the
    k-means starts of the next run, as Pol.is keeps them.
    """

    in_conversation: frozenset = frozenset()
    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None
    groups: Mapping[int, frozenset] = field(default_factory=dict)
    statement_ids: tuple = ()
    components: tuple = ()  # two tuples of loadings, aligned with ``statement_ids``
    base_clusters: tuple = ()
    group_clusterings: Mapping[int, tuple] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly representation (ids must themselves be JSON-serialisable)."""
        return {
            "in_conversation": sorted(self.in_conversation, key=sort_key),
            "last_k": self.last_k,
            "last_k_count": self.last_k_count,
            "smoothed_k": self.smoothed_k,
            "groups": {str(g): sorted(m, key=sort_key) for g, m in self.groups.items()},
            "statement_ids": list(self.statement_ids),
            "components": [list(c) for c in self.components],
            "base_clusters": [[cid, list(members)] for cid, members in self.base_clusters],
            "group_clusterings": {
                str(k): [[gid, list(bids)] for gid, bids in clusters] for k, clusters in self.group_clusterings.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PreviousState:
        return cls(
            in_conversation=frozenset(data.get("in_conversation", ())),
            last_k=data.get("last_k"),
            last_k_count=int(data.get("last_k_count", 0)),
            smoothed_k=data.get("smoothed_k"),
            groups={int(g): frozenset(m) for g, m in data.get("groups", {}).items()},
            statement_ids=tuple(data.get("statement_ids", ())),
            components=tuple(tuple(float(x) for x in c) for c in data.get("components", ())),
            base_clusters=tuple((int(cid), tuple(members)) for cid, members in data.get("base_clusters", ())),
            group_clusterings={
                int(k): tuple((int(gid), tuple(int(b) for b in bids)) for gid, bids in clusters)
                for k, clusters in data.get("group_clusterings", {}).items()
            },
        )
