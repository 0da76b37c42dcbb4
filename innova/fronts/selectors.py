from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from innova.agenda.sources import AgendaItem
from innova.core.predicates import is_active_user

from .models import Front, FrontProblem, FrontSession, Membership, MemberStatus


def front_list() -> QuerySet[Front]:
    return (
        Front.objects.select_related("theme")
        .prefetch_related("upzs")
        .annotate(member_count=Count("memberships", filter=Q(memberships__status=MemberStatus.ACTIVE)))
        .order_by("name")
    )


def front_is_member(*, user, front_id: int | None) -> bool:
    """Is ``user`` an active member (any role) of the front? The one membership check: the fronts rules (and
    through them brainstorms) ask it, surveys import it, agenda (below fronts) gets it through its registry."""
    if not front_id or not is_active_user(user):
        return False
    return Membership.objects.filter(front_id=front_id, user=user, status=MemberStatus.ACTIVE).exists()


def front_ids_of_member(user) -> QuerySet:
    """The ids of the fronts where ``user`` is an active member, for filtering other apps' querysets."""
    return Membership.objects.filter(user=user, status=MemberStatus.ACTIVE).values("front")


def front_membership(*, user, front: Front) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(front=front, user=user).first()


def front_session_upcoming_list(*, limit: int | None = None) -> QuerySet[FrontSession]:
    """Sessions of every front that have not ended yet, soonest first (the agenda lists them)."""
    queryset = FrontSession.objects.filter(ends_at__gte=timezone.now()).select_related("front").order_by("starts_at")
    return queryset[:limit] if limit else queryset


def front_session_agenda_items(start, end) -> list:
    """The sessions of every front in ``[start, end)`` as agenda items: one agenda for the whole lab."""

    sessions = FrontSession.objects.filter(starts_at__gte=start, starts_at__lt=end).select_related("front")
    return [
        AgendaItem(
            title=f"{session.front.name}: {session.title}",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            url=session.get_absolute_url(),
            kind="front_session",
            place_name=session.place or session.online_url,
            source="fronts",
        )
        for session in sessions.order_by("starts_at")
    ]


def front_members(*, front: Front) -> QuerySet[Membership]:
    return front.memberships.filter(status=MemberStatus.ACTIVE).select_related("user")


def front_pending_requests(*, front: Front) -> QuerySet[Membership]:
    return front.memberships.filter(status=MemberStatus.PENDING).select_related("user")


@dataclass
class Activity:
    at: datetime
    kind: str  # session, minutes, board, member, problem
    text: str
    url: str = ""


# Apps above fronts add their own entries to a front's activity (brainstorms: its boards), registered in their
# ``AppConfig.ready()`` as ``fn(front, limit) -> list[Activity]``.
_activity_sources: list = []


def activity_source_register(fn) -> None:
    if fn not in _activity_sources:
        _activity_sources.append(fn)


def front_activity(*, front: Front, limit: int = 15) -> list[Activity]:
    """The front's recent activity: sessions, minutes, boards, new members and linked problems, newest first."""
    items: list[Activity] = []
    for session in front.sessions.order_by("-created_at")[:limit]:
        items.append(Activity(session.created_at, "session", session.title, session.get_absolute_url()))
        if session.minutes_published_at:
            items.append(Activity(session.minutes_published_at, "minutes", session.title, session.get_absolute_url()))
    for membership in front_members(front=front).order_by("-created_at")[:limit]:
        items.append(Activity(membership.created_at, "member", membership.user.public_name))
    for link in FrontProblem.objects.filter(front=front).select_related("problem").order_by("-created_at")[:limit]:
        items.append(Activity(link.created_at, "problem", link.problem.title, link.problem.get_absolute_url()))
    for source in _activity_sources:
        items.extend(source(front, limit))
    items.sort(key=lambda item: item.at, reverse=True)
    return items[:limit]


def front_personal_data(user) -> list[dict]:
    return [
        {"front": m.front.name, "role": m.role, "status": m.status, "since": m.created_at.isoformat()}
        for m in Membership.objects.filter(user=user).select_related("front")
    ]
