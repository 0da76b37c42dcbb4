"""Celery tasks: the e-mails of one event in one task over one SMTP connection (retried on SMTP errors, never sent
twice) and the digest beat tasks."""

import smtplib

from celery import shared_task

from . import outbox
from .services.delivery import DeliveriesFailed, email_deliveries_enqueue, email_deliveries_send, email_delivery_send
from .services.digests import notification_digest_build

MAX_RETRIES = 5


def retry_countdown(retries: int) -> int:
    """Exponential backoff: 1, 2, 4, 8, 16 minutes."""
    return 60 * 2**retries


def _again(task, exc: Exception, args: tuple):
    """Retry ``task`` with ``args`` after an SMTP error, with backoff; in the embedded default (eager Celery, no
    broker to schedule a retry on) try again here, at once, as often."""
    if task.request.is_eager:
        if task.request.retries >= task.max_retries:
            raise exc
        return task.apply(args=args, retries=task.request.retries + 1, throw=True).get()
    raise task.retry(args=args, exc=exc, countdown=retry_countdown(task.request.retries)) from exc


# The registered task names stay as they were: a broker may still hold messages queued under them.
@shared_task(
    bind=True, max_retries=MAX_RETRIES, acks_late=True, name="innova.notifications.tasks.notification_email_send"
)
def email_delivery_send_one(self, delivery_id: int) -> bool:
    """One delivery (the task before one-per-event batches; kept for deliveries already queued under its name)."""
    try:
        return email_delivery_send(delivery_id=delivery_id)
    except smtplib.SMTPException as exc:
        return _again(self, exc, (delivery_id,))


@shared_task(
    bind=True, max_retries=MAX_RETRIES, acks_late=True, name="innova.notifications.tasks.notification_emails_send"
)
def email_deliveries_send_batch(self, delivery_ids: list[int]) -> list[int]:
    """Every immediate e-mail of one event (or one digest run): one task, one SMTP connection.

    A retry carries only the deliveries that failed: the ones already sent are never sent again.
    """
    try:
        sent, _skipped = email_deliveries_send(delivery_ids=delivery_ids)
        return sent
    except DeliveriesFailed as exc:
        return _again(self, exc, (exc.delivery_ids,))  # only the ones that failed


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def address_email_send(self, message: dict) -> None:
    """One e-mail to an address (``outbox.address_email_queue``), retried on SMTP errors."""
    try:
        outbox.address_email_deliver(message)
    except smtplib.SMTPException as exc:
        return _again(self, exc, (message,))


@shared_task
def notification_digest_send(frequency: str) -> list[int]:
    """Beat task (daily and weekly): build each person's digest and hand every one to the e-mail task."""
    delivery_ids = notification_digest_build(frequency=frequency)
    email_deliveries_enqueue(delivery_ids=delivery_ids)
    return delivery_ids
