"""What the brainstorms domain publishes: the open dataset of boards, the search source and the dashboard counts.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only boards everyone may see
(``selectors.board_public``: open calls and fronts' boards that are not members-only), and only counts: never a
card's author, a guest's nickname or who placed a dot.
"""

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from innova.opendata import registry

from . import selectors
from .models import Card, DotVote, Phase


def _board_rows():
    return selectors.board_public_list().order_by("id")


BOARD_FIELDS = (
    registry.DatasetField("id", "integer", "Stable identifier of the board.", lambda b: b.pk, True),
    registry.DatasetField(
        "url", "string", "Public page of the board (path on the site).", lambda b: b.get_absolute_url(), True
    ),
    registry.DatasetField("prompt", "string", "The question the ideas answer.", lambda b: b.prompt, True),
    registry.DatasetField("phase", "string", "Phase code: ideas, agrupar, votar or cerrada.", lambda b: b.phase, True),
    registry.DatasetField(
        "front_id", "integer", "The work front the board belongs to, empty for an open call.", lambda b: b.front_id
    ),
    registry.DatasetField(
        "created_at", "datetime", "When the board was opened.", lambda b: registry.iso(b.created_at), True
    ),
    registry.DatasetField(
        "closed_at", "datetime", "When it was closed, empty while open.", lambda b: registry.iso(b.closed_at)
    ),
    registry.DatasetField(
        "card_count", "integer", "Ideas posted (who posted them is never published).", lambda b: b.card_count, True
    ),
    registry.DatasetField("vote_count", "integer", "Dots placed on the ideas.", lambda b: b.vote_count, True),
    registry.DatasetField(
        "group_count", "integer", "Groups the ideas were sorted into.", lambda b: b.group_count, True
    ),
)


def _search(q: str):
    """Matching public boards, open ones first (by phase), newest first. Boards are filed under a UPZ only
    through their front's scope, which is not one place: a search narrowed to one UPZ finds no board."""
    queryset = selectors.board_search(selectors.board_public().select_related("front"), q)
    return queryset.order_by(F("closed_at").asc(nulls_first=True), "-created_at", "-id")


def _describe(board) -> dict:
    return {
        "title": board.prompt,
        "body": board.front.name if board.front_id else str(_("Open call")),
        "status": str(Phase(board.phase).label),
        "date": board.created_at,
    }


def _counts(*, start=None, end=None, upz_id: int | None = None) -> registry.DashboardCounts:
    """Boards opened in the period by phase, month and UPZ of their front (a front covering three UPZ counts its
    board in each; open calls belong to no UPZ), and the ideas and dots given in the period on public boards."""
    boards = selectors.board_public()
    by_upz = (
        registry.in_period(boards, "created_at", start, end)
        .filter(front__upzs__isnull=False)
        .values("front__upzs", "front__upzs__code")
        .annotate(n=Count("id"))
        .order_by("front__upzs__code")
    )
    if upz_id:
        boards = boards.filter(front__upzs=upz_id)
    base = registry.in_period(boards, "created_at", start, end)
    by_phase = registry.count_by(base, "phase")
    return registry.DashboardCounts(
        total=sum(by_phase.values()),
        by_upz={row["front__upzs__code"]: row["n"] for row in by_upz if not upz_id or row["front__upzs"] == upz_id},
        by_status={str(Phase(phase).label): n for phase, n in by_phase.items()},
        by_month=registry.count_by_month(base, "created_at"),
        extra={
            _("Ideas posted in the period"): registry.count_in_period(
                Card.objects.filter(board__in=boards), start, end
            ),
            _("Dots placed in the period"): registry.count_in_period(
                DotVote.objects.filter(card__board__in=boards), start, end
            ),
        },
    )


registry.register_dataset(
    registry.Dataset(
        name="boards",
        title="Lluvias de ideas",
        description="Public brainstorm boards of Usme Innova (open calls and work fronts' boards open to everyone), "
        "with the counts of ideas, dots and groups; members-only boards and who took part are never published.",
        rows=_board_rows,
        fields=BOARD_FIELDS,
    )
)
registry.register_search(
    registry.SearchSource(kind="boards", label=_("Brainstorms"), search=_search, describe=_describe, has_upz=False)
)
registry.register_dashboard(
    registry.DashboardSource(
        kind="boards",
        label=_("Brainstorms"),
        counts=_counts,
        charts=(("upz", _("By UPZ of their work front")), ("status", _("By phase")), ("month", _("By month"))),
    )
)
