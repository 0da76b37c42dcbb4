"""E-mail to an address rather than to an account — a guest's event registration, a co-author invitation.

It leaves the way every e-mail of the site leaves: handed to a Celery worker after the transaction commits
(never sent inside the request), retried on SMTP errors with the same backoff as notifications, run here and now
only when the broker is unreachable. Accounts get their e-mails through ``notification_emit`` instead, which
also honours their preferences.
"""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from innova.core.resilience import task_enqueue_on_commit


def address_email_queue(
    *, to: str, subject: str, text: str, html: str = "", attachments: tuple[tuple[str, bytes, str], ...] = ()
) -> None:
    """Queue one e-mail to ``to``; ``attachments`` are ``(file name, content, MIME type)``."""
    # Import cycle: tasks.py imports this module at load to call it; the task is looked up when it is queued.
    from .tasks import address_email_send

    if not to:
        return
    message = {
        "to": to,
        "subject": f"[Usme Innova] {subject}",
        "text": text,
        "html": html,
        "attachments": [(name, base64.b64encode(content).decode("ascii"), mime) for name, content, mime in attachments],
    }
    task_enqueue_on_commit(address_email_send, message)


def address_email_deliver(message: dict) -> None:
    """Send a queued message (the Celery task calls this); an SMTP error propagates, so the task retries."""
    email = EmailMultiAlternatives(
        subject=message["subject"], body=message["text"], from_email=settings.DEFAULT_FROM_EMAIL, to=[message["to"]]
    )
    if message["html"]:
        email.attach_alternative(message["html"], "text/html")
    for name, content, mime in message["attachments"]:
        email.attach(name, base64.b64decode(content), mime)
    email.send()
