from celery import shared_task


@shared_task
def agenda_reminders_send() -> int:
    """Daily (Celery beat): remind everyone registered for tomorrow's events."""
    from .services import reminders_send

    return reminders_send()
