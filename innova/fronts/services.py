import datetime
import functools
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innova.core.permissions import require_perm
from innova.core.predicates import is_official_or_staff
from innova.problems.photos import photo_process

from .models import Front, FrontProblem, FrontSession, JoinPolicy, MemberRole, Membership, MemberStatus

# Who must hear when someone stops being a member (e.g. brainstorms closes their sockets on members-only boards):
# listeners take ``user_id`` and ``front_id`` and run after commit. Registered by other apps' ``ready()``, so
# fronts imports none of them.
_membership_end_listeners: list[Callable[..., None]] = []


def membership_end_listener_register(listener: Callable[..., None]) -> None:
    if listener not in _membership_end_listeners:
        _membership_end_listeners.append(listener)


def _membership_ended(*, user_id: int, front_id: int) -> None:
    for listener in _membership_end_listeners:
        transaction.on_commit(functools.partial(listener, user_id=user_id, front_id=front_id))


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "frente"
    slug, n = base, 1
    while Front.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def front_create(
    *,
    creator,
    name: str,
    theme,
    description: str,
    upzs=(),
    join_policy: str = JoinPolicy.OPEN,
    cover=None,
    cover_alt: str = "",
) -> Front:
    """Create a front; its creator (an official or a facilitator) becomes its first coordinator."""
    require_perm(creator, "fronts.create_front")
    if not name.strip():
        raise ValidationError(_("Write the name of the work front."))
    if cover is not None and not cover_alt.strip():
        raise ValidationError(_("Describe the cover image in a few words, for people who cannot see it."))
    front = Front(
        name=name.strip(),
        slug=_unique_slug(name),
        theme=theme,
        description=description.strip(),
        join_policy=join_policy,
        cover_alt=cover_alt.strip(),
        created_by=creator,
    )
    if cover is not None:
        photo = photo_process(cover)
        front.cover.save(f"{front.slug}.jpg", photo.image, save=False)
    front.save()
    front.upzs.set(upzs)
    Membership.objects.create(front=front, user=creator, role=MemberRole.COORDINATOR, status=MemberStatus.ACTIVE)
    return front


def front_join(*, user, front: Front) -> Membership:
    """Join an open front at once, or ask to join one that needs approval. Idempotent."""
    require_perm(user, "fronts.join_front", front)
    status = MemberStatus.ACTIVE if front.join_policy == JoinPolicy.OPEN else MemberStatus.PENDING
    try:
        with transaction.atomic():
            return Membership.objects.create(front=front, user=user, status=status)
    except IntegrityError:
        return Membership.objects.get(front=front, user=user)


@transaction.atomic
def front_leave(*, user, front: Front) -> None:
    membership = Membership.objects.filter(front=front, user=user).first()
    if membership is None:
        return
    if (
        membership.role == MemberRole.COORDINATOR
        and not Membership.objects.filter(front=front, role=MemberRole.COORDINATOR).exclude(pk=membership.pk).exists()
    ):
        raise ValidationError(_("The front needs another coordinator before you leave."))
    membership.delete()
    _membership_ended(user_id=user.pk, front_id=front.pk)


@transaction.atomic
def membership_decide(*, actor, membership: Membership, approve: bool) -> Membership | None:
    """A coordinator approves (the person becomes an active member) or rejects (the request is removed)."""
    require_perm(actor, "fronts.manage_front", membership.front)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MemberStatus.PENDING:
        raise ValidationError(_("This request was already decided."))
    if not approve:
        membership.delete()
        return None
    membership.status = MemberStatus.ACTIVE
    membership.save(update_fields=["status"])
    return membership


def membership_approve(*, actor, membership: Membership) -> Membership:
    return membership_decide(actor=actor, membership=membership, approve=True)


def membership_reject(*, actor, membership: Membership) -> None:
    membership_decide(actor=actor, membership=membership, approve=False)


@transaction.atomic
def membership_set_role(*, actor, membership: Membership, role: str) -> Membership:
    """Make a member coordinator (only facilitators and officials may coordinate) or back to member."""

    require_perm(actor, "fronts.manage_front", membership.front)
    if role == MemberRole.COORDINATOR and not is_official_or_staff(membership.user):
        raise ValidationError(_("Only facilitators and verified officials can coordinate a front."))
    membership.role = role
    membership.status = MemberStatus.ACTIVE
    membership.save(update_fields=["role", "status"])
    return membership


@transaction.atomic
def session_create(
    *,
    actor,
    front: Front,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_url: str = "",
) -> FrontSession:
    require_perm(actor, "fronts.manage_front", front)
    if ends_at <= starts_at:
        raise ValidationError(_("The session must end after it starts."))
    if not place.strip() and not online_url.strip():
        raise ValidationError(_("Write the place of the session or its online link."))
    return FrontSession.objects.create(
        front=front,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        online_url=online_url.strip(),
        created_by=actor,
    )


@transaction.atomic
def minutes_publish(*, actor, session: FrontSession, minutes: str) -> FrontSession:
    """Publish the minutes (acta) of a session; only once it has started."""
    require_perm(actor, "fronts.manage_front", session.front)
    if session.starts_at > timezone.now():
        raise ValidationError(_("Minutes are published after the session."))
    if not minutes.strip():
        raise ValidationError(_("Write the minutes before publishing them."))
    session.minutes = minutes.strip()
    session.minutes_published_at = timezone.now()
    session.save(update_fields=["minutes", "minutes_published_at"])
    return session


def problem_link(*, actor, front: Front, problem) -> FrontProblem:
    """Link a problem to the front (idempotent)."""
    require_perm(actor, "fronts.manage_front", front)
    link, _created = FrontProblem.objects.get_or_create(front=front, problem=problem, defaults={"linked_by": actor})
    return link


def fronts_erase_user(user) -> None:
    """Account deletion: memberships are personal; sessions and links stay (their author link is cleared)."""
    for front_id in Membership.objects.filter(user=user, status=MemberStatus.ACTIVE).values_list("front", flat=True):
        _membership_ended(user_id=user.pk, front_id=front_id)
    Membership.objects.filter(user=user).delete()
