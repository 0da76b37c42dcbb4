from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import OutboundMessage, mask_phone
from .providers import backend_for


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_outbound_message(message_id: int) -> None:
    """Send one reply through the channel's provider; a message already sent is never sent again."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().filter(pk=message_id, sent_at__isnull=True).first()
        if message is None:
            return
        message.attempts += 1
        message.save(update_fields=["attempts"])
    backend_for(message.channel).send(message.to, message.body)
    sent = OutboundMessage.objects.filter(pk=message_id)
    sent.update(sent_at=timezone.now())
    # Replies outside a kept conversation (declined consent, status queries): keep no phone number once sent.
    sent.filter(conversation__isnull=True).update(to=mask_phone(message.to))
