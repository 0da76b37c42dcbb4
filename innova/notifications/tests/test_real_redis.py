"""Against real Redis: a Celery worker started here takes the digest task from the broker and e-mails it.

Skipped unless REDIS_URL is set (CI sets it on the PostgreSQL run).
"""

import os
import time
import uuid

import pytest
from django.core import mail

from innova.notifications import tasks
from innova.notifications.models import EmailDelivery, Frequency
from innova.notifications.services.emit import notification_emit

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real Redis (REDIS_URL)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def real_worker():
    """A real worker thread on a private queue of the Redis broker; tasks are not eager while it runs."""
    from celery.contrib.testing.worker import start_worker

    from innova.celery import app

    queue = f"test-notifications-{uuid.uuid4().hex[:8]}"
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue", "broker_url")}
    app.conf.update(task_always_eager=False, task_default_queue=queue, broker_url=os.environ["REDIS_URL"])
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=[queue]) as worker:
            yield worker
    finally:
        app.conf.update(saved)


def test_a_real_worker_sends_the_weekly_digest(make_user, real_worker):
    ana, luis = make_user("citizen"), make_user("citizen", display_name="Luis")
    for n in range(2):
        notification_emit(kind="comment_added", recipients=[ana], actor=luis, dedupe_key=f"c{n}")
    assert mail.outbox == []
    result = tasks.notification_digest_send.delay(Frequency.WEEKLY)
    assert not result.__class__.__name__.startswith("Eager")
    [delivery_id] = result.get(timeout=30)
    deadline = time.monotonic() + 30
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.2)
    [message] = mail.outbox
    assert message.to == [ana.email] and "resumen semanal" in message.subject
    assert EmailDelivery.objects.get(pk=delivery_id).status == EmailDelivery.Status.SENT
    # The beat firing twice: the worker runs it again and nothing is sent twice.
    assert tasks.notification_digest_send.delay(Frequency.WEEKLY).get(timeout=30) == []
    time.sleep(0.5)
    assert len(mail.outbox) == 1
