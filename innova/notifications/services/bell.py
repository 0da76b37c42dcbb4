"""The bell: marking notifications read and pushing each person's unread count to their open tabs."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from innova.core.pagecache import pages_changed

from .. import selectors
from ..models import Notification

logger = logging.getLogger(__name__)


def bell_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def bell_push(*, user_id: int) -> None:
    """Tell every open tab of this person the new unread count (best effort: the page shows it anyway)."""
    try:
        layer = get_channel_layer()
        if layer is None:
            return
        count = selectors.notification_unread_count(user=user_id)
        async_to_sync(layer.group_send)(bell_group(user_id), {"type": "bell.count", "unread": count})
    except Exception:  # noqa: BLE001 - a live update must never break the write that caused it
        logger.warning("Could not push the notification count to user %s", user_id, exc_info=True)


def bell_push_many(*, user_ids: list[int]) -> None:
    """The same for many people at once: one counting query, one event loop for all the sends."""
    try:
        layer = get_channel_layer()
        if layer is None:
            return
        counts = dict.fromkeys(user_ids, 0)
        counts.update(
            Notification.objects.filter(recipient_id__in=user_ids, in_app=True, read_at__isnull=True)
            .values_list("recipient_id")
            .annotate(unread=Count("pk"))
        )

        async def send_all():
            for user_id, unread in counts.items():
                await layer.group_send(bell_group(user_id), {"type": "bell.count", "unread": unread})

        async_to_sync(send_all)()
    except Exception:  # noqa: BLE001 - a live update must never break the write that caused it
        logger.warning("Could not push notification counts", exc_info=True)


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    changed = qs.update(read_at=timezone.now())
    if changed:
        pages_changed("notifications")  # the count the bell shows (an update() sends no model signal)
        transaction.on_commit(lambda: bell_push(user_id=user.pk))
    return changed
