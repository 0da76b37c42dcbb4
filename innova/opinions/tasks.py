from celery import shared_task

from innova.debates.models import Debate

from .services import opinion_map_recompute


@shared_task(ignore_result=True)
def opinion_map_recompute_task(debate_id: int) -> None:
    """Recompute a debate's opinion map (scheduled, debounced, by ``services.opinion_map_schedule``)."""

    debate = Debate.objects.filter(pk=debate_id).first()
    if debate is not None:
        opinion_map_recompute(debate=debate)
