from celery import shared_task

from .services import difficulty_reviews_due_notify


@shared_task
def difficulty_reviews_due() -> int:
    """Every morning: owners of difficulties whose review date passed are told (see the end of settings.py)."""

    return difficulty_reviews_due_notify()
