from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .kinds import MESSAGES
from .models import Follow, Notification


def _target_url(target) -> str:
    get_url = getattr(target, "get_absolute_url", None)
    return get_url() if callable(get_url) else ""


def follow_set(*, user, target, following: bool) -> bool:
    """Follow or unfollow ``target``; idempotent. Returns whether the user now follows it."""
    target_type = ContentType.objects.get_for_model(target)
    if following:
        Follow.objects.get_or_create(user=user, target_type=target_type, target_id=target.pk)
    else:
        Follow.objects.filter(user=user, target_type=target_type, target_id=target.pk).delete()
    return following


def followers_of(target):
    from innova.accounts.models import User

    follows = Follow.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
    return User.objects.filter(pk__in=follows.values("user_id"), is_active=True)


def is_following(*, user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).exists()


@transaction.atomic
def notification_emit(*, kind: str, recipients: Iterable, target=None, actor=None, url: str = "") -> list[Notification]:
    """Tell each recipient once. The actor is never notified of their own action; inactive users never."""
    if kind not in MESSAGES:
        raise ValueError(f"Unknown notification kind: {kind}")
    # Hidden content notifies no one (except its author about the moderation itself).
    if target is not None and getattr(target, "hidden_at", None) is not None and kind != "content_hidden":
        return []
    seen: set[int] = set()
    created = []
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    for recipient in recipients:
        if recipient is None or recipient.pk in seen or not recipient.is_active:
            continue
        if actor is not None and recipient.pk == actor.pk:
            continue
        seen.add(recipient.pk)
        message = MESSAGES[kind] % {
            "target": str(target) if target is not None else "",
            "actor": actor.public_name if actor is not None else "",
        }
        created.append(
            Notification(
                recipient=recipient,
                kind=kind,
                actor=actor,
                target_type=target_type,
                target_id=str(target.pk) if target is not None else "",
                message=str(message)[:300],
                url=url or _target_url(target),
            )
        )
    return Notification.objects.bulk_create(created)


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())


def notification_erase_for_user(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    Follow.objects.filter(user=user).delete()
    # Other people's notifications may quote this person's name ("Ana mentioned you…"): keep them, drop the name.
    name = user.display_name or user.email.split("@")[0]
    for notification in Notification.objects.filter(actor=user):
        notification.message = notification.message.replace(name, "Cuenta eliminada")
        notification.save(update_fields=["message"])
