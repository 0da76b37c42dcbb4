"""Celery tasks: the e-mails of one event in one task over one SMTP connection (retried on SMTP errors, never sent
twice) and the digest beat tasks."""

import smtplib

from celery import shared_task

from . import services

MAX_RETRIES = 5


def retry_countdown(retries: int) -> int:
    """Exponential backoff: 1, 2, 4, 8, 16 minutes."""
    return 60 * 2**retries


# The registered task names stay as they were: a broker may still hold messages queued under them.
@shared_task(
    bind=True, max_retries=MAX_RETRIES, acks_late=True, name="innova.notifications.tasks.notification_email_send"
)
def email_delivery_send_one(self, delivery_id: int) -> bool:
    """One delivery (the task before one-per-event batches; kept for deliveries already queued under its name)."""
    try:
        return services.email_delivery_send(delivery_id=delivery_id)
    except smtplib.SMTPException as exc:
        if self.request.is_eager:
            # Embedded default (no broker to schedule a retry on): try again here, at once, as often.
            if self.request.retries >= self.max_retries:
                raise
            return self.apply(args=(delivery_id,), retries=self.request.retries + 1, throw=True).get()
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(
    bind=True, max_retries=MAX_RETRIES, acks_late=True, name="innova.notifications.tasks.notification_emails_send"
)
def email_deliveries_send_batch(self, delivery_ids: list[int]) -> list[int]:
    """Every immediate e-mail of one event (or one digest run): one task, one SMTP connection.

    A retry carries only the deliveries that failed: the ones already sent are never sent again.
    """
    try:
        sent, _skipped = services.email_deliveries_send(delivery_ids=delivery_ids)
        return sent
    except services.DeliveriesFailed as exc:
        if self.request.is_eager:
            if self.request.retries >= self.max_retries:
                raise
            return self.apply(args=(exc.delivery_ids,), retries=self.request.retries + 1, throw=True).get()
        raise self.retry(args=(exc.delivery_ids,), exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task
def notification_digest_send(frequency: str) -> list[int]:
    """Beat task (daily and weekly): build each person's digest and hand every one to the e-mail task."""
    delivery_ids = services.notification_digest_build(frequency=frequency)
    services.email_deliveries_enqueue(delivery_ids=delivery_ids)
    return delivery_ids
