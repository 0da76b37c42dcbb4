"""Read a Pol.is conversation export (for the tests and the benchmark against Pol.is's own groups)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .votes import VoteMatrix


@dataclass(frozen=True)
class PolisExport:
    """A Pol.is conversation export: votes, comment metadata and Pol.is's own group per participant."""

    votes: VoteMatrix
    comments: dict  # statement_id -> {"moderated": int, "body": str, "author_id": int, ...}
    polis_group_ids: dict  # participant_id -> group id (participants Pol.is did not cluster omitted)

    @property
    def moderated_out(self) -> frozenset:
        return frozenset(s for s, c in self.comments.items() if c["moderated"] == -1)


def load_polis_export(directory: str | Path) -> PolisExport:
    """Read ``participants-votes.csv`` and ``comments.csv`` from a Pol.is export directory.

    Statement ids are the integer comment ids; participant ids the integer participant ids.
    """
    directory = Path(directory)
    comments: dict[int, dict[str, Any]] = {}
    with open(directory / "comments.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            sid = int(row["comment-id"])
            comments[sid] = {
                "moderated": int(row["moderated"]),
                "body": row["comment-body"],
                "author_id": int(row["author-id"]) if row.get("author-id") else None,
                "timestamp": int(row["timestamp"]) if row.get("timestamp") else None,
            }
    with open(directory / "participants-votes.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        vote_cols = [i for i, h in enumerate(header) if h.strip().lstrip("-").isdigit()]
        statement_ids = [int(header[i]) for i in vote_cols]
        p_col, g_col = header.index("participant"), header.index("group-id")
        participant_ids: list[int] = []
        groups: dict[int, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, line in enumerate(reader):
            pid = int(line[p_col])
            participant_ids.append(pid)
            if line[g_col].strip():
                groups[pid] = int(float(line[g_col]))
            for c, i in enumerate(vote_cols):
                cell = line[i].strip() if i < len(line) else ""
                if cell:
                    rows.append(r)
                    cols.append(c)
                    vals.append(float(cell))
    # Statements present in comments.csv but never voted on still belong to the conversation.
    extra = sorted(set(comments) - set(statement_ids))
    votes = VoteMatrix(
        tuple(participant_ids), tuple(statement_ids + extra), np.array(rows), np.array(cols), np.array(vals)
    )
    return PolisExport(votes=votes, comments=comments, polis_group_ids=groups)
