from celery import shared_task

from .services import reminders_send


@shared_task
def agenda_reminders_send() -> int:
    """Daily (Celery beat): remind everyone registered for tomorrow's events."""

    return reminders_send()
