"""Digests: what waits for a daily or weekly e-mail, gathered into one delivery per person and period."""

import datetime

from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ..models import EmailDelivery, Frequency, Notification


def digest_period(*, frequency: str, now: datetime.datetime) -> str:
    local = timezone.localtime(now)
    if frequency == Frequency.DAILY:
        return local.date().isoformat()
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def notification_digest_build(*, frequency: str, now: datetime.datetime | None = None) -> list[int]:
    """Gather what waits for a ``frequency`` digest into one delivery per person; returns the delivery ids.

    The key ``digest:<frequency>:<user>:<period>`` makes a second run in the same period a no-op.
    """
    if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
        raise ValueError(f"Not a digest frequency: {frequency}")

    period = digest_period(frequency=frequency, now=now or timezone.now())
    waiting = Notification.objects.filter(email_frequency=frequency, email_delivery__isnull=True)
    user_ids = list(waiting.values_list("recipient_id", flat=True).distinct().order_by("recipient_id"))
    if not user_ids:
        return []
    prefix = f"digest:{frequency}:"
    delivery_ids = []
    for start in range(0, len(user_ids), 500):
        chunk = user_ids[start : start + 500]
        keys = {f"{prefix}{user_id}:{period}": user_id for user_id in chunk}
        with transaction.atomic():
            # One row per person and period (the unique key); a row from an earlier run is kept as it is.
            EmailDelivery.objects.bulk_create(
                [EmailDelivery(key=key, user_id=user_id, frequency=frequency) for key, user_id in keys.items()],
                ignore_conflicts=True,
            )
            pending = dict(
                EmailDelivery.objects.filter(key__in=list(keys), status=EmailDelivery.Status.PENDING).values_list(
                    "user_id", "pk"
                )
            )
            # Already sent this period: the rest waits for the next one.
            if pending:
                own_delivery = EmailDelivery.objects.filter(
                    key=Concat(Value(prefix), Cast(OuterRef("recipient_id"), CharField()), Value(f":{period}"))
                ).values("pk")[:1]
                waiting.filter(recipient_id__in=list(pending)).update(email_delivery=Subquery(own_delivery))
        delivery_ids.extend(pending[user_id] for user_id in chunk if user_id in pending)
    return delivery_ids
