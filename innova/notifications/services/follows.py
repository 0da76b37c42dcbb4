"""Who follows what: the people told about activity on a problem, proposal, debate, front or board."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from innova.accounts.models import User
from innova.core.permissions import require_perm
from innova.core.visibility import require_visible

from ..models import Follow
from ..rules import is_followable_and_visible


def follow_set(*, user, target, following: bool) -> bool:
    """Follow or unfollow ``target``; idempotent. Returns whether the user now follows it.

    No permission check: domain services call it for authors and supporters. People go through ``follow_set_checked``.
    """
    target_type = ContentType.objects.get_for_model(target)
    if following:
        Follow.objects.get_or_create(user=user, target_type=target_type, target_id=target.pk)
    else:
        Follow.objects.filter(user=user, target_type=target_type, target_id=target.pk).delete()
    return following


def follow_set_checked(*, user, target, following: bool) -> bool:
    """A person follows or stops following any followable object (problem, proposal, debate, front, board)."""
    if following:
        require_visible(user, target)  # 404 for what the person cannot open (a members-only board, a draft)
        require_perm(user, "notifications.follow_target", target)
        # Superusers pass every django-rules check; what may be followed holds for them too.

        if not is_followable_and_visible(user, target):
            raise PermissionDenied("notifications.follow_target")
    return follow_set(user=user, target=target, following=following)


def followers_of(target):

    follows = Follow.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
    return User.objects.filter(pk__in=follows.values("user_id"), is_active=True)


def is_following(*, user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).exists()
