from django.db.models import Exists, OuterRef, QuerySet

from .models import Argument, ArgumentSide, ArgumentSupport, Debate, DebateRequest, DebateRequestStatus


def debate_visible() -> QuerySet[Debate]:
    return Debate.objects.filter(hidden_at__isnull=True)


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
