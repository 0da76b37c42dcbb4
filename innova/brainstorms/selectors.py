from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from innova.core.participation import text_search
from innova.core.predicates import is_active_user, is_staff_member
from innova.fronts.selectors import Activity, front_ids_of_member
from innova.proposals.models import Proposal

from .models import Board, BoardEvent, Card, CardGroup, DotVote, Participant


def board_public() -> QuerySet[Board]:
    """Boards everyone may see listed and searched: open calls and boards of fronts that are not members-only
    (the same condition as ``rules.is_board_open_to_user``). A members-only board stays with its front."""
    return Board.objects.filter(Q(members_only=False) | Q(front__isnull=True))


def board_public_list() -> QuerySet[Board]:
    """Public boards with their counts for the open data: cards, dots placed and groups (never who posted)."""
    zero = Value(0, output_field=IntegerField())

    def counted(model, aggregate):
        rows = model.objects.filter(board=OuterRef("pk")).order_by().values("board").annotate(n=aggregate)
        return Coalesce(Subquery(rows.values("n")), zero)

    return board_public().annotate(
        card_count=counted(Card, Count("pk")),
        vote_count=counted(Card, Sum("vote_count")),
        group_count=counted(CardGroup, Count("pk")),
    )


def board_search(queryset: QuerySet[Board], q: str) -> QuerySet[Board]:
    """Spanish word search over the board's prompt (shared mechanism, core.participation.text_search)."""
    return text_search(queryset, q)


def board_visible_to(user) -> QuerySet[Board]:
    """Boards ``user`` may see: the public ones, plus members-only boards of their fronts and those they run
    (the same condition as the ``brainstorms.view_board`` rule; staff see every board)."""
    if is_staff_member(user):
        return Board.objects.all()
    if not is_active_user(user):
        return board_public()
    own_fronts = front_ids_of_member(user)
    return Board.objects.filter(Q(pk__in=board_public().values("pk")) | Q(front__in=own_fronts) | Q(facilitator=user))


def board_list_open(*, user) -> QuerySet[Board]:
    """Boards still running that ``user`` may open, newest first."""
    return (
        board_visible_to(user).select_related("front", "facilitator").exclude(phase="cerrada").order_by("-created_at")
    )


def board_events_since(*, board_id: int, since: int, limit: int = 1000) -> list[dict]:
    return [
        event.as_message()
        for event in BoardEvent.objects.filter(board_id=board_id, seq__gt=since).order_by("seq")[:limit]
    ]


def board_cards(*, board: Board) -> QuerySet[Card]:
    """The board's cards, without those moderation hid (pages, results, exports)."""
    return (
        board.cards.filter(hidden_at__isnull=True)
        .select_related("author", "guest", "group")
        .order_by("created_at", "pk")
    )


def board_dots_placed(*, board: Board, someone) -> dict[int, int]:
    """How many of ``someone``'s dots each card holds (cards without theirs are left out)."""
    if not someone.known:
        return {}
    lookup = {"participant__user": someone.user} if someone.user_known else {"participant__guest": someone.guest}
    rows = DotVote.objects.filter(card__board=board, participant__board=board, **lookup).values("card")
    return {row["card"]: row["n"] for row in rows.annotate(n=Count("pk")).order_by()}


def board_groups(*, board: Board, someone=None) -> tuple[list[CardGroup], list[Card]]:
    """Groups with their cards (prefetched), in order; with ``someone``, each card carries ``my_dots``, how
    many of their dots it holds (the board shows "−1" only there)."""
    groups = list(board.groups.all())
    by_group: dict = {group.pk: [] for group in groups}
    loose = []
    mine = board_dots_placed(board=board, someone=someone) if someone is not None else {}
    for card in board_cards(board=board):
        card.my_dots = mine.get(card.pk, 0)
        (by_group[card.group_id] if card.group_id in by_group else loose).append(card)
    for group in groups:
        group.card_list = by_group[group.pk]
    return groups, loose


def board_results(*, board: Board) -> dict:
    """Ranked results of a board: cards by dots, groups by the dots of their cards."""
    cards = list(board_cards(board=board).order_by("-vote_count", "created_at"))
    groups = list(board.groups.annotate(votes=Sum("cards__vote_count")).order_by(F("votes").desc(nulls_last=True)))
    participants = Participant.objects.filter(board=board).count()
    return {"cards": cards, "groups": groups, "participants": participants}


def front_board_activity(front, limit: int) -> list:
    """A front's boards, for the front's activity (registered with ``fronts.selectors.activity_source_register``)."""
    return [
        Activity(board.created_at, "board", board.prompt, board.get_absolute_url())
        for board in Board.objects.filter(front=front).order_by("-created_at")[:limit]
    ]


def card_board_url(card_id: int) -> str:
    """Where a proposal made from this card links back: its board's results ("" when the card is gone)."""
    card = Card.objects.select_related("board").filter(pk=card_id).first()
    return f"{card.board.get_absolute_url()}#resultados" if card else ""


def brainstorms_personal_data(user) -> list[dict]:
    return [
        {"board": card.board.prompt, "idea": card.text, "anonymous": card.anonymous, "at": card.created_at.isoformat()}
        for card in Card.objects.filter(author=user).select_related("board")
    ]


def board_trail_entries(problem) -> list[dict]:
    """For a problem's trail: the open boards whose ideas became this problem or proposals answering it."""
    card_ids = Proposal.objects.filter(
        problems=problem, published_at__isnull=False, source_card_id__isnull=False
    ).values("source_card_id")
    boards = board_public().filter(Q(cards__problem=problem) | Q(cards__pk__in=card_ids)).distinct()
    return [
        {
            "date": board.created_at,
            "kind": Board._meta.verbose_name,
            "title": board.prompt,
            "url": board.get_absolute_url(),
            "status": board.get_phase_display(),
            "status_code": board.phase,
        }
        for board in boards.order_by("created_at")
    ]
