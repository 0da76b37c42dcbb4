from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from innova.comments.models import Comment
from innova.core.participation import text_search

from .models import Argument, ArgumentSide, ArgumentSupport, Debate, DebateRequest, DebateRequestStatus


def debate_visible() -> QuerySet[Debate]:
    return Debate.objects.filter(hidden_at__isnull=True)


def debate_public_list() -> QuerySet[Debate]:
    """Visible debates with the public counts of the open data and the API: arguments for and against (visible
    ones) and visible comments. Counted in subqueries, so the rows are not multiplied."""
    arguments = (
        Argument.objects.filter(debate=OuterRef("pk"), hidden_at__isnull=True)
        .order_by()
        .values("debate")
        .annotate(
            n_for=Count("pk", filter=Q(side=ArgumentSide.FOR)),
            n_against=Count("pk", filter=Q(side=ArgumentSide.AGAINST)),
        )
    )
    comments = (
        Comment.objects.filter(
            target_type=ContentType.objects.get_for_model(Debate), target_id=OuterRef("pk"), hidden_at__isnull=True
        )
        .order_by()
        .values("target_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    zero = Value(0, output_field=IntegerField())
    return debate_visible().annotate(
        arguments_for=Coalesce(Subquery(arguments.values("n_for")), zero),
        arguments_against=Coalesce(Subquery(arguments.values("n_against")), zero),
        public_comment_count=Coalesce(Subquery(comments), zero),
    )


def debate_search(queryset: QuerySet[Debate], q: str) -> QuerySet[Debate]:
    """Spanish word search over question, context and conclusion (shared mechanism, core.participation)."""
    return text_search(queryset, q)


def debate_list(*, status: str | None = None) -> QuerySet[Debate]:
    queryset = debate_visible().select_related("created_by")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def debate_arguments(*, debate: Debate, user=None) -> dict[str, list[Argument]]:
    """The visible arguments of a debate by side, most supported first; ``supported_by_me`` for the viewer."""
    queryset = debate.arguments.filter(hidden_at__isnull=True).select_related("author")
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(
            supported_by_me=Exists(ArgumentSupport.objects.filter(argument=OuterRef("pk"), user=user))
        )
    by_side = {ArgumentSide.FOR: [], ArgumentSide.AGAINST: []}
    for argument in queryset.order_by("-support_count", "created_at", "pk"):
        by_side[argument.side].append(argument)
    return by_side


def debate_requests_pending() -> QuerySet[DebateRequest]:
    return DebateRequest.objects.filter(status=DebateRequestStatus.PENDING).select_related("requested_by")


def debate_trail_entries(problem) -> list[dict]:
    """For a problem's trail: the visible debates about it."""
    return [
        {
            "date": debate.created_at,
            "kind": Debate._meta.verbose_name,
            "title": debate.title,
            "url": debate.get_absolute_url(),
            "status": debate.get_status_display(),
            "status_code": debate.status,
        }
        for debate in debate_visible().filter(problems=problem).order_by("created_at")
    ]


def debate_personal_data(user) -> dict:
    return {
        "arguments": [
            {"debate": a.debate_id, "side": a.side, "body": a.body, "created_at": a.created_at.isoformat()}
            for a in Argument.objects.filter(author=user)
        ],
        "argument_supports": list(ArgumentSupport.objects.filter(user=user).values_list("argument_id", flat=True)),
        "debate_requests": [
            {"title": r.title, "context": r.context, "status": r.status, "answer": r.answer}
            for r in DebateRequest.objects.filter(requested_by=user)
        ],
        "debates_opened": list(Debate.objects.filter(created_by=user).values_list("title", flat=True)),
    }
