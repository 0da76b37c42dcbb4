"""Emitting: ``notification_emit``, the one way every domain tells people something."""

import contextlib
import contextvars
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from innova.core.pagecache import pages_changed

from ..kinds import MESSAGES
from ..models import EmailDelivery, Frequency, Notification
from ..rules import is_silenced_by_hiding
from .bell import bell_push_many
from .delivery import email_deliveries_enqueue
from .preferences import preferences_for

_email_muted = contextvars.ContextVar("notifications_email_muted", default=False)


@contextlib.contextmanager
def email_muted():
    """Within this block notifications are stored and shown in the app, but nobody is e-mailed (demo data)."""
    token = _email_muted.set(True)
    try:
        yield
    finally:
        _email_muted.reset(token)


def target_url(target) -> str:
    get_url = getattr(target, "get_absolute_url", None)
    if not callable(get_url):
        return ""
    try:
        return get_url()
    except Exception:  # noqa: BLE001 - a URL is a nicety in a notification, never a reason to fail
        return ""


@transaction.atomic
def notification_emit(
    *, kind: str, recipients: Iterable, target=None, actor=None, url: str = "", dedupe_key: str = ""
) -> list[Notification]:
    """Tell each recipient once. The actor is never notified of their own action; inactive users never.

    ``dedupe_key`` names the event (e.g. ``"problem_answered:42"``): emitting the same event again reaches nobody
    twice. Each recipient's preference for ``kind`` decides whether it shows in the app and how it is e-mailed.
    """
    if kind not in MESSAGES:
        raise ValueError(f"Unknown notification kind: {kind}")
    if is_silenced_by_hiding(kind, target):
        return []
    people = _people_to_tell(recipients, actor)
    if not people:
        return []
    if dedupe_key:
        already = Notification.objects.filter(recipient_id__in=list(people), dedupe_key=dedupe_key)
        for recipient_id in already.values_list("recipient_id", flat=True):
            people.pop(recipient_id, None)
    pending = _notifications_build(kind, people, target=target, actor=actor, url=url, dedupe_key=dedupe_key)
    created = _create_once(pending)
    deliveries = _immediate_deliveries_attach(created)
    delivery_ids = [delivery.pk for delivery in deliveries]
    bell_users = sorted({n.recipient_id for n in created if n.in_app})
    transaction.on_commit(lambda: _after_emit(delivery_ids, bell_users))
    return created


def _people_to_tell(recipients: Iterable, actor) -> dict:
    """{pk: person}, each once: nobody missing, inactive, or the actor themselves."""
    people = {}
    for recipient in recipients:
        if recipient is None or recipient.pk in people or not recipient.is_active:
            continue
        if actor is not None and recipient.pk == actor.pk:
            continue
        people[recipient.pk] = recipient
    return people


def _notifications_build(kind: str, people: dict, *, target, actor, url: str, dedupe_key: str) -> list[Notification]:
    """One unsaved ``Notification`` per person who wants ``kind`` in the app or by e-mail, stamped with that choice
    (no e-mail for a person without an address, or inside ``email_muted()``)."""
    preferences = preferences_for(user_ids=list(people), kind=kind)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    message = str(
        MESSAGES[kind]
        % {
            "target": str(target) if target is not None else "",
            "actor": actor.public_name if actor is not None else _("Someone"),
        }
    )[:300]
    link = url or target_url(target)
    pending = []
    for recipient_id, recipient in people.items():
        in_app, email = preferences[recipient_id]
        if not recipient.email or _email_muted.get():
            email = Frequency.OFF
        if not in_app and email == Frequency.OFF:
            continue
        pending.append(
            Notification(
                recipient=recipient,
                kind=kind,
                actor=actor,
                target_type=target_type,
                target_id=str(target.pk) if target is not None else "",
                message=message,
                url=link,
                dedupe_key=dedupe_key,
                in_app=in_app,
                email_frequency=email,
            )
        )
    return pending


def _create_once(pending: list[Notification]) -> list[Notification]:
    """Insert; a concurrent emit of the same event hits the unique constraint and that person is skipped."""
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(pending)
        pages_changed("notifications")  # the bells' unread counts (a bulk insert sends no model signal)
        if all(n.pk for n in created):
            return created
    except IntegrityError:
        pass
    created = []
    for notification in pending:
        notification.pk = None
        try:
            with transaction.atomic():
                notification.save()
            created.append(notification)
        except IntegrityError:
            continue
    return created


def _immediate_deliveries_attach(created: list[Notification]) -> list[EmailDelivery]:
    """One ``EmailDelivery`` per notification to e-mail at once, attached to it (two bulk queries)."""
    deliveries = EmailDelivery.objects.bulk_create(
        [
            EmailDelivery(key=f"notification:{n.pk}", user_id=n.recipient_id, frequency=Frequency.IMMEDIATE)
            for n in created
            if n.email_frequency == Frequency.IMMEDIATE
        ]
    )
    by_user = {delivery.user_id: delivery for delivery in deliveries}
    immediate = [n for n in created if n.email_frequency == Frequency.IMMEDIATE]
    for notification in immediate:
        notification.email_delivery = by_user[notification.recipient_id]
    Notification.objects.bulk_update(immediate, ["email_delivery"])
    return deliveries


def _after_emit(delivery_ids: list[int], bell_users: list[int]) -> None:
    if delivery_ids:
        email_deliveries_enqueue(delivery_ids=delivery_ids)
    if bell_users:
        bell_push_many(user_ids=bell_users)
