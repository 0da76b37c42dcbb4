"""Import and export in Pol.is's export format.

``comments.csv`` (``timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated, comment-body``) and
``participants-votes.csv`` (``participant, group-id, n-comments, n-votes, n-agree, n-disagree`` then one column per
comment id; cell 1 agree, -1 disagree, 0 pass, blank unseen). Export numbers participants and statements 0, 1, …
in creation order; import creates statements in comment-id order and participants in the file's row order, so a
conversation survives the round trip (up to that renumbering).
Statement texts that a spreadsheet would run as a formula are written with a leading quote
(``innova.core.exports``) and read back without it.
Moderation: Pol.is 1 (accepted) and 0 (unmoderated, shown by Pol.is by default) import as approved, -1 as rejected.
"""

import csv
import datetime
import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from innova.core.exports import cell_restore, csv_text

from .models import MapResult, Participant, Statement, StatementStatus, Vote

COMMENT_COLUMNS = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]
MODERATED = {StatementStatus.APPROVED: 1, StatementStatus.PENDING: 0, StatementStatus.REJECTED: -1}


def export_zip(*, debate) -> bytes:
    """The debate's statements and votes as a zip of ``comments.csv`` and ``participants-votes.csv``."""
    statements = list(Statement.objects.filter(debate=debate).order_by("pk"))
    participants = list(Participant.objects.filter(debate=debate).order_by("pk").values_list("pk", flat=True))
    sid = {s.pk: n for n, s in enumerate(statements)}
    pid = {p: n for n, p in enumerate(participants)}
    cells: dict[int, dict[int, int]] = {}
    for participant_id, statement_id, value in Vote.objects.filter(participant__debate=debate).values_list(
        "participant_id", "statement_id", "value"
    ):
        cells.setdefault(pid[participant_id], {})[sid[statement_id]] = value
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("comments.csv", csv_text(_comments_rows(statements, sid, pid, cells), lineterminator="\n"))
        archive.writestr(
            "participants-votes.csv",
            csv_text(_participants_votes_rows(debate, statements, sid, pid, cells), lineterminator="\n"),
        )
        archive.writestr(
            "README.txt",
            f"{debate.title}\nExported {datetime.date.today().isoformat()} in Pol.is's export format: "
            "1 agree, -1 disagree, 0 pass, blank not seen.\n",
        )
    return buffer.getvalue()


def _comments_rows(statements: list, sid: dict, pid: dict, cells: dict[int, dict[int, int]]) -> list[list]:
    """``comments.csv``: one row per statement with its author, vote counts and moderation."""
    comments = [COMMENT_COLUMNS]
    for statement in statements:
        column = [row.get(sid[statement.pk]) for row in cells.values()]
        created = statement.created_at
        comments.append(
            [
                int(created.timestamp() * 1000),
                created.strftime("%a %b %d %Y %H:%M:%S GMT%z"),
                sid[statement.pk],
                pid.get(statement.participant_id, ""),
                column.count(1),
                column.count(-1),
                MODERATED[statement.status],
                statement.text,
            ]
        )
    return comments


def _participants_votes_rows(
    debate, statements: list, sid: dict, pid: dict, cells: dict[int, dict[int, int]]
) -> list[list]:
    """``participants-votes.csv``: one row per participant with their group, counts and a cell per statement."""
    authored: dict[int, int] = {}
    for statement in statements:
        if statement.participant_id in pid:
            authored[pid[statement.participant_id]] = authored.get(pid[statement.participant_id], 0) + 1
    result = MapResult.objects.filter(debate=debate).first()
    groups = {}
    if result is not None:
        groups = {pid[p]: g for p, _x, _y, g in result.data.get("participants", []) if g >= 0 and p in pid}
    votes = [["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", *range(len(sid))]]
    for n in range(len(pid)):
        row = cells.get(n, {})
        values = list(row.values())
        votes.append(
            [
                n,
                groups.get(n, ""),
                authored.get(n, 0),
                len(values),
                values.count(1),
                values.count(-1),
                *(row.get(j, "") for j in range(len(sid))),
            ]
        )
    return votes


def read_zip(upload) -> tuple[str, str]:
    """``(comments.csv, participants-votes.csv)`` texts from an uploaded zip (files may sit in a folder)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = {name.rsplit("/", 1)[-1]: name for name in archive.namelist()}
            if "comments.csv" not in names or "participants-votes.csv" not in names:
                raise ValidationError(_("The zip must contain comments.csv and participants-votes.csv."))
            return (
                archive.read(names["comments.csv"]).decode("utf-8-sig"),
                archive.read(names["participants-votes.csv"]).decode("utf-8-sig"),
            )
    except (zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise _not_polis() from error


def read_files(comments, votes) -> tuple[str, str]:
    """``(comments.csv, participants-votes.csv)`` texts from the two uploaded CSV files."""
    try:
        return comments.read().decode("utf-8-sig"), votes.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_polis() from error


def _not_polis() -> ValidationError:
    return ValidationError(_("This file is not a Pol.is export (a zip of CSV files in UTF-8)."))


def parse(comments_text: str, votes_text: str) -> tuple[list[dict], list[tuple[int, dict[int, int]]]]:
    """Parsed comments ``[{id, author, moderated, body}]`` and participants ``[(id, {comment id: vote})]``."""
    bad = ValidationError(_("The CSV files do not have Pol.is's export columns."))
    try:
        comments = [
            {
                "id": int(row["comment-id"]),
                "author": int(row["author-id"]) if (row.get("author-id") or "").strip() else None,
                "moderated": int(row.get("moderated") or 1),
                "body": cell_restore(row["comment-body"].strip()),
            }
            for row in csv.DictReader(io.StringIO(comments_text))
        ]
        reader = csv.reader(io.StringIO(votes_text))
        header = next(reader)
        p_col = header.index("participant")
        vote_cols = [(i, int(h)) for i, h in enumerate(header) if h.strip().lstrip("-").isdigit()]
        participants = []
        for line in reader:
            if not line:
                continue
            cells = {}
            for i, comment_id in vote_cols:
                cell = line[i].strip() if i < len(line) else ""
                if cell:
                    value = int(float(cell))
                    if value not in (-1, 0, 1):
                        raise bad
                    cells[comment_id] = value
            participants.append((int(line[p_col]), cells))
    except (KeyError, ValueError, StopIteration) as error:
        raise bad from error
    known = {c["id"] for c in comments}
    if any(cid not in known for _p, cells in participants for cid in cells):
        raise ValidationError(_("participants-votes.csv has votes on comments missing from comments.csv."))
    # Participants keep the file's row order (it becomes their creation order, and the analysis's row order).
    return sorted(comments, key=lambda c: c["id"]), participants
