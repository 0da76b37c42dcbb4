"""E-mail delivery: each ``EmailDelivery`` handed to Celery and sent at most once, many over one SMTP connection."""

import contextlib
import logging
import smtplib

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from innova.core.resilience import task_enqueue

from ..emails import email_message_build
from ..models import EmailDelivery, Notification
from ..rules import is_silenced_by_hiding

logger = logging.getLogger(__name__)


def email_delivery_enqueue(*, delivery_id: int) -> None:
    """Hand one e-mail to Celery (see ``email_deliveries_enqueue``)."""
    email_deliveries_enqueue(delivery_ids=[delivery_id])


def email_deliveries_enqueue(*, delivery_ids: list[int]) -> None:
    """Hand the e-mails of one event (or one digest run) to ONE Celery task. Broker unreachable: it runs here.

    In the embedded default (eager Celery) the task runs here and now; a failure is logged, never raised: the
    delivery rows keep it, and the write that caused it stands.
    """

    # Import cycle: tasks.py imports this module at load to call it; the task is looked up when it is queued.
    from ..tasks import email_deliveries_send_batch

    if not delivery_ids:
        return
    try:
        task_enqueue(email_deliveries_send_batch, list(delivery_ids))
    except Exception:  # noqa: BLE001 - the delivery rows keep the failure; the write that caused it stands
        logger.warning("E-mail deliveries %s… failed", delivery_ids[:5], exc_info=True)


def email_delivery_send(*, delivery_id: int) -> bool:
    """Send one delivery at most once. Returns whether an e-mail left now (see ``email_deliveries_send``)."""
    sent, failed = email_deliveries_send(delivery_ids=[delivery_id])
    return bool(sent)


class DeliveriesFailed(smtplib.SMTPException):
    """Some deliveries of a batch met an SMTP error; ``delivery_ids`` are back to ``failed`` for the retry."""

    def __init__(self, message: str, delivery_ids: list[int]):
        super().__init__(message)
        self.delivery_ids = delivery_ids


def email_deliveries_send(*, delivery_ids: list[int]) -> tuple[list[int], list[int]]:
    """Send many deliveries, each at most once, over ONE SMTP connection. Returns (sent ids, skipped ids).

    Each row is claimed (pending/failed → sending) before anything leaves, so two workers, or a task retried after
    a message already left, never send it twice. An SMTP error puts the failing delivery and those not tried yet
    back to ``failed`` and raises ``DeliveriesFailed`` with their ids, for the retry; the ones already sent stay
    ``sent``. A crash in the middle leaves rows ``sending`` and they are never retried (at most once).
    """
    claimed = _deliveries_claim(delivery_ids)
    if not claimed:
        return [], []
    messages, skipped = _messages_build(_deliveries_load(claimed))
    if skipped:
        EmailDelivery.objects.filter(pk__in=skipped).update(
            status=EmailDelivery.Status.SKIPPED, last_error="nothing left to send"
        )
    sent, error = _messages_send(messages) if messages else ([], None)
    if sent:
        EmailDelivery.objects.filter(pk__in=sent).update(status=EmailDelivery.Status.SENT, sent_at=timezone.now())
    if error is not None:
        failed = [delivery_id for delivery_id, _message in messages[len(sent) :]]
        EmailDelivery.objects.filter(pk__in=failed).update(
            status=EmailDelivery.Status.FAILED, last_error=str(error)[:300]
        )
        raise DeliveriesFailed(str(error), failed) from error
    return sent, skipped


def _deliveries_claim(delivery_ids: list[int]) -> list[int]:
    """pending/failed → sending, in one transaction; returns the ids this caller now owns.

    On PostgreSQL the candidate rows are locked (rows another worker holds are skipped), so the conditional UPDATE
    that follows claims exactly them; SQLite runs one writer at a time. A row already ``sending``/``sent`` is never
    claimed again: at most once.
    """
    claimable = [EmailDelivery.Status.PENDING, EmailDelivery.Status.FAILED]
    with transaction.atomic():
        ids = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=delivery_ids, status__in=claimable)
            .values_list("pk", flat=True)
        )
        if ids:
            EmailDelivery.objects.filter(pk__in=ids, status__in=claimable).update(
                status=EmailDelivery.Status.SENDING, attempts=F("attempts") + 1
            )
    return ids


def _deliveries_load(delivery_ids: list[int]) -> list[EmailDelivery]:
    """The claimed deliveries with their person and notifications (actors and targets too), in a few queries."""
    return list(
        EmailDelivery.objects.filter(pk__in=delivery_ids)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "notifications",
                queryset=Notification.objects.select_related("actor").prefetch_related("target").order_by("created_at"),
            )
        )
        .order_by("pk")
    )


def _messages_build(deliveries: list[EmailDelivery]) -> tuple[list[tuple[int, EmailMessage]], list[int]]:
    """([(delivery id, e-mail)], skipped ids): a delivery whose notifications all concern content hidden meanwhile,
    or whose person has no e-mail address or is no longer active, is skipped."""
    messages, skipped = [], []
    for delivery in deliveries:
        notifications = [
            n
            for n in delivery.notifications.all()
            if not (n.target_type_id and is_silenced_by_hiding(n.kind, n.target))
        ]
        user = delivery.user
        if not notifications or not user.email or not user.is_active:
            skipped.append(delivery.pk)
            continue
        messages.append((delivery.pk, email_message_build(delivery=delivery, notifications=notifications)))
    return messages, skipped


def _messages_send(messages: list[tuple[int, EmailMessage]]) -> tuple[list[int], Exception | None]:
    """Send in order over one connection until the first SMTP error: (ids sent, the error or None)."""
    sent, error = [], None
    connection = get_connection()
    try:
        connection.open()
    except OSError as exc:  # nothing left yet (smtplib's errors are OSErrors too): every one is retried
        error = exc
    try:
        for delivery_id, message in messages if error is None else []:
            message.connection = connection
            connection.send_messages([message])
            sent.append(delivery_id)
    except smtplib.SMTPException as exc:
        error = exc
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return sent, error
