from django.db.models import Count, Q
from django.utils.translation import gettext as _

from innova.debates.models import Debate

from .mapping import GROUP_COLOURS, group_colour, group_label, project
from .models import MapResult, Participant, Statement, StatementStatus, Vote

#: Size of the square SVG map, in user units.
MAP_SIZE = 300
MAP_PADDING = 14


def statements_approved(*, debate):
    return Statement.objects.filter(debate=debate, status=StatementStatus.APPROVED, hidden_at__isnull=True)


def statements_pending(*, debate):
    return Statement.objects.filter(debate=debate, status=StatementStatus.PENDING).select_related("author")


def debate_moderation_context(user, debate) -> dict:
    """For the debate's page: facilitators see how many statements of the opinion map wait for review."""
    if not user.has_perm("opinions.moderate_statement", debate):
        return {"can_moderate": False}
    return {"can_moderate": True, "pending_count": statements_pending(debate=debate).count()}


def statement_next(*, debate, participant: Participant | None) -> Statement | None:
    """The next statement to show on the card view: approved, not yet voted, fewest votes first."""
    queryset = statements_approved(debate=debate)
    if participant is not None:
        queryset = queryset.exclude(votes__participant=participant)
    return queryset.annotate(n_votes=Count("votes")).order_by("n_votes", "pk").first()


def vote_progress(*, debate, participant: Participant | None) -> tuple[int, int]:
    total = statements_approved(debate=debate).count()
    voted = (
        Vote.objects.filter(
            participant=participant, statement__status=StatementStatus.APPROVED, statement__hidden_at__isnull=True
        ).count()
        if participant
        else 0
    )
    return voted, total


def votes_of(*, participant: Participant | None):
    if participant is None:
        return Vote.objects.none()
    return (
        Vote.objects.filter(
            participant=participant, statement__status=StatementStatus.APPROVED, statement__hidden_at__isnull=True
        )
        .select_related("statement")
        .order_by("statement_id")
    )


def _scale(points: list[tuple[float, float]]):
    xs = [p[0] for p in points] or [0.0]
    ys = [p[1] for p in points] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    inner = MAP_SIZE - 2 * MAP_PADDING
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def scale(x: float, y: float) -> tuple[float, float]:
        return (
            round(MAP_SIZE / 2 + (x - cx) / span * inner, 1),
            round(MAP_SIZE / 2 - (y - cy) / span * inner, 1),
        )

    return scale


def _css(group_id: int) -> str:
    """CSS class with the group's colour (the CSP forbids inline styles; SVG uses the ``fill`` attribute)."""
    return f"group-{group_id % len(GROUP_COLOURS)}" if group_id >= 0 else "group-none"


def _percent(counts: list[int], index: int) -> int:
    seen = sum(counts)
    return round(100 * counts[index] / seen) if seen else 0


def opinion_map(*, debate, participant: Participant | None) -> dict | None:
    """Everything the map page shows, from the stored result (no analysis here)."""
    result = MapResult.objects.filter(debate=debate).first()
    if result is None or not result.data.get("participants"):
        return None
    data = result.data
    texts = dict(Statement.objects.filter(debate=debate).values_list("pk", "text"))
    viewer = _viewer(data, participant)
    points = [(p[1], p[2]) for p in data["participants"]] + ([(viewer["x"], viewer["y"])] if viewer else [])
    scale = _scale(points)
    if viewer:
        viewer["sx"], viewer["sy"] = scale(viewer["x"], viewer["y"])
        viewer["label"] = group_label(viewer["group"]) if viewer["group"] >= 0 else ""
        viewer["colour"] = group_colour(viewer["group"]) if viewer["group"] >= 0 else "#8a949c"
    group_rows = _group_rows(data, texts, scale)
    consensus, divisive, table = _statement_lists(data, texts)
    return {
        "result": result,
        "size": MAP_SIZE,
        "dots": _dots(data, participant, scale),
        "viewer": viewer,
        "groups": group_rows,
        "consensus": consensus,
        "divisive": divisive,
        "table": table,
        "summary": map_summary(groups=group_rows, consensus=consensus),
        "n_participants": data.get("n_participants", len(data["participants"])),
        "n_clustered": data.get("n_clustered", 0),
    }


def _viewer(data: dict, participant: Participant | None) -> dict | None:
    """Where the viewer is: their computed dot, or (if they voted after the computation) a projection."""
    if participant is None:
        return None
    row = next((p for p in data["participants"] if p[0] == participant.pk), None)
    if row is not None:
        return {"x": row[1], "y": row[2], "group": row[3], "approximate": False}
    my_votes = dict(votes_of(participant=participant).values_list("statement_id", "value"))
    point = project(data, my_votes)
    if point is None:
        return None
    nearest = min(
        data["groups"],
        key=lambda g: (g["centre"][0] - point[0]) ** 2 + (g["centre"][1] - point[1]) ** 2,
        default=None,
    )
    return {"x": point[0], "y": point[1], "group": nearest["id"] if nearest else -1, "approximate": True}


def _dots(data: dict, participant: Participant | None, scale) -> list[dict]:
    """Everyone else's dot, in the colour of their group (grey when not clustered)."""
    dots = []
    for pid, x, y, gid in data["participants"]:
        if participant is not None and pid == participant.pk:
            continue
        sx, sy = scale(x, y)
        dots.append({"x": sx, "y": sy, "colour": group_colour(gid) if gid >= 0 else "#8a949c"})
    return dots


def _group_rows(data: dict, texts: dict, scale) -> list[dict]:
    """Each group with its representative statements' texts and where its label goes on the map."""
    group_rows = []
    for group in data["groups"]:
        reps = []
        for rep in group["repness"]:
            sid = rep["statement"]
            if sid not in texts:
                continue
            reps.append({"text": texts[sid], "direction": rep["direction"], "percent": rep["percent"]})
        label_x, label_y = scale(*group["centre"])
        group_rows.append(
            {**group, "statements": reps, "label_x": label_x, "label_y": label_y, "css": _css(group["id"])}
        )
    return group_rows


def _statement_lists(data: dict, texts: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """Consensus and divisive statements, and the text alternative: every statement the page mentions, once,
    each with every group's share of agreement."""
    consensus = [
        {"text": texts[sid], "direction": "agree", "groups": _group_shares(data, sid)}
        for sid, _score in data["consensus"]["agree"]
        if sid in texts
    ] + [
        {"text": texts[sid], "direction": "disagree", "groups": _group_shares(data, sid)}
        for sid, _score in data["consensus"]["disagree"]
        if sid in texts
    ]
    divisive = [
        {"text": texts[sid], "groups": _group_shares(data, sid)} for sid, _score in data["divisive"] if sid in texts
    ]
    shown = [rep["statement"] for g in data["groups"] for rep in g["repness"]]
    shown += [sid for sid, _s in data["consensus"]["agree"] + data["consensus"]["disagree"] + data["divisive"]]
    table = [{"text": texts[sid], "groups": _group_shares(data, sid)} for sid in dict.fromkeys(shown) if sid in texts]
    return consensus, divisive, table


def _group_shares(data: dict, sid: int) -> list[dict]:
    """How each group voted on one statement: agree and disagree percentages, and how many saw it."""
    counts = data.get("group_votes", {}).get(str(sid), {})
    return [
        {
            "label": g["label"],
            "css": _css(g["id"]),
            "agree": _percent(counts.get(str(g["id"]), [0, 0, 0]), 0),
            "disagree": _percent(counts.get(str(g["id"]), [0, 0, 0]), 1),
            "seen": sum(counts.get(str(g["id"]), [0, 0, 0])),
        }
        for g in data["groups"]
    ]


def _bare(text: str) -> str:
    """A statement quoted inside a sentence, without its own final full stop."""
    return text.rstrip().rstrip(".")


def map_summary(*, groups: list[dict], consensus: list[dict]) -> list[str]:
    """Plain-language sentences: what each group thinks and what (almost) everyone shares."""
    sentences = []
    for group in groups:
        agree = [s for s in group["statements"] if s["direction"] == "agree"][:2]
        disagree = [s for s in group["statements"] if s["direction"] == "disagree"][:1]
        parts = {"label": group["label"], "size": group["size"]}
        if agree:
            sentences.append(
                _("Group %(label)s (%(size)s people) agrees with: %(texts)s.")
                % {**parts, "texts": "; ".join(f"“{_bare(s['text'])}” ({s['percent']} %)" for s in agree)}
            )
        if disagree:
            sentences.append(
                _("Group %(label)s disagrees with: “%(text)s” (%(percent)s %% disagree).")
                % {**parts, "text": _bare(disagree[0]["text"]), "percent": disagree[0]["percent"]}
            )
    shared = [c for c in consensus if c["direction"] == "agree"][:2]
    if shared:
        sentences.append(
            _("Across all groups, most people agree that %(texts)s.")
            % {"texts": "; ".join(f"“{_bare(c['text'])}”" for c in shared)}
        )
    return sentences


def debates_with_map():

    return (
        Debate.objects.filter(has_opinion_map=True)
        .annotate(
            n_statements=Count(
                "statements",
                filter=Q(statements__status=StatementStatus.APPROVED, statements__hidden_at__isnull=True),
                distinct=True,
            ),
            n_participants=Count("opinion_participants", distinct=True),
        )
        .order_by("-created_at")
    )


def opinion_personal_data(user) -> dict:
    return {
        "statements": [
            {"debate": s.debate_id, "text": s.text, "status": s.status, "created_at": s.created_at.isoformat()}
            for s in Statement.objects.filter(author=user)
        ],
        "votes": [
            {"debate": v.participant.debate_id, "statement": v.statement.text, "value": v.value}
            for v in Vote.objects.filter(participant__user=user).select_related("participant", "statement")
        ],
    }
