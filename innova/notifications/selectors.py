from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from innova.core.pagecache import domains_version, kept_or_made, person_copies
from innova.core.selectors import RowMatch

from .kinds import LABELS, MESSAGES, category_of
from .models import Follow, Notification, Preference
from .services.preferences import preference_default

UNREAD_KEPT_SECONDS = 3600


def notification_list(*, user):
    return Notification.objects.filter(recipient=user, in_app=True).select_related("actor")


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


def notification_unread_count_kept(*, user) -> int:
    """The count the bell in every signed-in page's header shows, kept in the cache until a notification changes:
    saves and deletions renew the "notifications" version by themselves (core.pagecache), and the services that
    write with ``bulk_create`` or ``update()`` renew it explicitly."""
    key = f"notifications:unread:{user.pk}:{domains_version('notifications')}"
    return kept_or_made(key, lambda: notification_unread_count(user=user), UNREAD_KEPT_SECONDS, person_copies)


def follow_of(*, user, model) -> QuerySet[Follow]:
    """The follows of ``user`` on objects of ``model``: ``Exists(follow_of(…).filter(target_id=OuterRef("pk")))``
    tells a page whether its reader follows what it shows in the query that reads it."""
    return Follow.objects.filter(user=user, target_type=ContentType.objects.get_for_model(model))


def follow_match(*, user, target_model, target_id: int) -> RowMatch:
    """The follow of ``user`` on one object, for ``core.selectors.rows_exist`` (one statement with other checks)."""
    target_type = ContentType.objects.get_for_model(target_model).pk
    return Follow, {"user": user.pk, "target_type": target_type, "target_id": target_id}


def preference_rows(*, user) -> list[dict]:
    """Every kind with the person's current choice (or the default), in the order of ``kinds.MESSAGES``."""
    chosen = {p.kind: p for p in Preference.objects.filter(user=user)}
    rows = []
    for kind in MESSAGES:
        in_app, email = (chosen[kind].in_app, chosen[kind].email) if kind in chosen else preference_default(kind)
        rows.append(
            {
                "kind": kind,
                "label": LABELS.get(kind, kind),
                "category": category_of(kind),
                "in_app": in_app,
                "email": email,
            }
        )
    return rows


def digest_groups(notifications) -> list[dict]:
    """Group a digest's notifications by kind, then by the object they are about, keeping first-seen order."""
    groups: dict[str, dict] = {}
    for notification in notifications:
        group = groups.setdefault(
            notification.kind,
            {"kind": notification.kind, "label": LABELS.get(notification.kind, notification.kind), "targets": {}},
        )
        key = (notification.target_type_id, notification.target_id)
        item = group["targets"].setdefault(
            key,
            {
                "message": notification.message,
                "title": getattr(notification, "target_label", "") or notification.message,
                "url": notification.url,
                "count": 0,
                "messages": [],
            },
        )
        item["count"] += 1
        item["messages"].append(notification.message)
    return [{**group, "targets": list(group["targets"].values())} for group in groups.values()]


def followed_count(*, target) -> int:
    return Follow.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk).count()


def notification_export(user) -> list[dict]:
    return [
        {"kind": n.kind, "message": n.message, "created_at": n.created_at.isoformat(), "read": n.read_at is not None}
        for n in Notification.objects.filter(recipient=user)
    ] + [{"preference": p.kind, "in_app": p.in_app, "email": p.email} for p in Preference.objects.filter(user=user)]
