"""Between the database and ``analysis``: build the vote matrix of a debate and turn a result into JSON.

The JSON (``MapResult.data``) is what the map page draws, so a page view never runs the analysis.
"""

import numpy as np
from django.db.models import Q

from .analysis import OpinionMapResult, PreviousState, VoteMatrix, analyse
from .models import Statement, StatementStatus, Vote

#: Colour of each group id (Okabe–Ito palette, distinguishable with colour-blindness); the id is kept across
#: recomputations by the analysis, so a group keeps its colour and its letter.
GROUP_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def group_label(group_id: int) -> str:
    return chr(ord("A") + group_id) if 0 <= group_id < 26 else str(group_id)


def group_colour(group_id: int) -> str:
    return GROUP_COLOURS[group_id % len(GROUP_COLOURS)]


IN_MATRIX = (StatementStatus.APPROVED, StatementStatus.REJECTED)


def vote_matrix(*, debate) -> VoteMatrix:
    """Votes on the debate's approved and rejected statements (pending ones have no votes).

    Rejected statements are passed to the analysis as ``moderated_out``: as in Pol.is they never show, but the
    votes cast on them before the rejection still count in the projection scale and the 7-vote threshold.
    """
    statement_ids = list(
        Statement.objects.filter(debate=debate, status__in=IN_MATRIX).order_by("pk").values_list("pk", flat=True)
    )
    triples = Vote.objects.filter(statement__debate=debate, statement__status__in=IN_MATRIX).values_list(
        "participant_id", "statement_id", "value"
    )
    rows, cols, values, participants = [], [], [], {}
    column = {sid: j for j, sid in enumerate(statement_ids)}
    for participant_id, statement_id, value in triples.order_by("participant_id"):
        rows.append(participants.setdefault(participant_id, len(participants)))
        cols.append(column[statement_id])
        values.append(value)
    return VoteMatrix(tuple(participants), tuple(statement_ids), np.array(rows), np.array(cols), np.array(values))


def map_compute(*, debate, previous_state: dict | None) -> tuple[dict, dict, int]:
    """Analyse the debate's votes; returns ``(data, state, number of votes)`` ready to store."""
    votes = vote_matrix(debate=debate)
    n_votes = int(votes.values.size)
    if votes.shape[0] < 2 or votes.shape[1] < 2:
        return (
            {"participants": [], "groups": [], "consensus": {"agree": [], "disagree": []}, "divisive": []},
            (previous_state or {}),
            n_votes,
        )
    previous = PreviousState.from_dict(previous_state) if previous_state else None
    # Rejected by the facilitator or hidden after a report: never shown, but their votes still shape the map.
    moderated_out = Statement.objects.filter(debate=debate).filter(
        Q(status=StatementStatus.REJECTED) | Q(hidden_at__isnull=False)
    )
    result = analyse(
        votes=votes, moderated_out=frozenset(moderated_out.values_list("pk", flat=True)), previous=previous
    )
    return result_to_data(result, votes), result.k_state.to_dict(), n_votes


def result_to_data(result: OpinionMapResult, votes: VoteMatrix) -> dict:
    groups = result.group_of_participant
    participants = [
        [pid, round(float(x), 4), round(float(y), 4), groups.get(pid, -1)]
        for pid, (x, y) in zip(result.participant_ids, result.all_coords, strict=True)
    ]
    group_votes = _group_vote_counts(result, votes)
    data_groups = []
    for group in sorted(result.groups, key=lambda g: g.id):
        data_groups.append(
            {
                "id": group.id,
                "label": group_label(group.id),
                "colour": group_colour(group.id),
                "size": len(group.members),
                "centre": [round(float(c), 4) for c in group.centre],
                "repness": [
                    {
                        "statement": rep.statement_id,
                        "direction": rep.direction,
                        "percent": round(100 * rep.n_success / rep.n_trials) if rep.n_trials else 0,
                        "n_trials": rep.n_trials,
                    }
                    for rep in result.repness.get(group.id, [])
                ],
            }
        )
    return {
        "participants": participants,
        "groups": data_groups,
        "consensus": {
            "agree": [[sid, round(score, 4)] for sid, score in result.consensus.agree],
            "disagree": [[sid, round(score, 4)] for sid, score in result.consensus.disagree],
        },
        "divisive": [[sid, round(score, 4)] for sid, score in result.divisive],
        "group_votes": group_votes,
        "pca": {
            "statement_ids": list(result.statement_ids),
            "center": [round(float(v), 6) for v in result.pca_center],
            "components": [[round(float(v), 6) for v in row] for row in result.pca_components],
            "columns": result.pca_columns,
            "zeroed_columns": result.pca_zeroed_columns,
        },
        "n_participants": len(result.participant_ids),
        "n_clustered": len(result.clustered_participant_ids),
    }


def _group_vote_counts(result: OpinionMapResult, votes: VoteMatrix) -> dict:
    """``{statement_id: {group_id: [agree, disagree, pass]}}`` over the clustered participants."""
    group_ids = sorted(g.id for g in result.groups)
    if not group_ids:
        return {}
    group_index = {gid: k for k, gid in enumerate(group_ids)}
    row_group = np.array(
        [group_index.get(result.group_of_participant.get(pid, -1), -1) for pid in votes.participant_ids]
    )
    keep_columns = {sid: j for j, sid in enumerate(votes.statement_ids) if sid in set(result.statement_ids)}
    g = row_group[votes.rows]
    mask = g >= 0
    counts = np.zeros((len(votes.statement_ids), len(group_ids), 3), dtype=np.int64)
    kind = np.where(votes.values > 0, 0, np.where(votes.values < 0, 1, 2))
    np.add.at(counts, (votes.cols[mask], g[mask], kind[mask]), 1)
    return {
        str(sid): {str(gid): counts[j, k].tolist() for gid, k in group_index.items()} for sid, j in keep_columns.items()
    }


def project(data: dict, votes: dict) -> tuple[float, float] | None:
    """Place a participant who voted after the last computation (same math as ``OpinionMapResult.project``)."""
    pca = data.get("pca")
    if not pca or not votes:
        return None
    index = {sid: j for j, sid in enumerate(pca["statement_ids"])}
    js = [index[sid] for sid in votes if sid in index]
    if not js:
        return None
    center = np.array(pca["center"])
    components = np.array(pca["components"])
    x = np.array([float(votes[pca["statement_ids"][j]]) for j in js]) - center[js]
    columns = pca.get("columns", len(pca["statement_ids"]))  # maps computed before the key existed
    point = components[:, js] @ x * np.sqrt(columns / (len(js) + pca.get("zeroed_columns", 0)))
    return float(point[0]), float(point[1])
