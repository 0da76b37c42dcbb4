"""Every write of the notifications app: follows, emitting, preferences, e-mail deliveries and digests.

Flow of one event: a domain service calls ``notification_emit`` (usually in ``transaction.on_commit``) → one
``Notification`` per right recipient (never the actor, nothing about hidden content, once per ``dedupe_key``), each
stamped with the recipient's e-mail frequency for that kind → after commit, immediate e-mails go to Celery and the
bell of each recipient is updated over the channel layer. Digests are built by beat tasks from what is pending.
"""

import contextlib
import contextvars
import datetime
import logging
import smtplib
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.accounts.models import User
from innova.core.permissions import require_perm
from innova.core.resilience import task_enqueue
from innova.core.visibility import require_visible

from . import selectors
from .kinds import ANSWERS, MESSAGES, category_of
from .models import EmailDelivery, Follow, Frequency, Notification, Preference
from .rules import is_followable_and_visible

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "innova.notifications.unsubscribe"
ALL_KINDS = "*"


def _target_url(target) -> str:
    get_url = getattr(target, "get_absolute_url", None)
    if not callable(get_url):
        return ""
    try:
        return get_url()
    except Exception:  # noqa: BLE001 - a URL is a nicety in a notification, never a reason to fail
        return ""


# --- Follows -----------------------------------------------------------------------------------------------------


def follow_set(*, user, target, following: bool) -> bool:
    """Follow or unfollow ``target``; idempotent. Returns whether the user now follows it.

    No permission check: domain services call it for authors and supporters. People go through ``follow_set_checked``.
    """
    target_type = ContentType.objects.get_for_model(target)
    if following:
        Follow.objects.get_or_create(user=user, target_type=target_type, target_id=target.pk)
    else:
        Follow.objects.filter(user=user, target_type=target_type, target_id=target.pk).delete()
    return following


def follow_set_checked(*, user, target, following: bool) -> bool:
    """A person follows or stops following any followable object (problem, proposal, debate, front, board)."""
    if following:
        require_visible(user, target)  # 404 for what the person cannot open (a members-only board, a draft)
        require_perm(user, "notifications.follow_target", target)
        # Superusers pass every django-rules check; what may be followed holds for them too.

        if not is_followable_and_visible(user, target):
            raise PermissionDenied("notifications.follow_target")
    return follow_set(user=user, target=target, following=following)


def followers_of(target):

    follows = Follow.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
    return User.objects.filter(pk__in=follows.values("user_id"), is_active=True)


def is_following(*, user, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).exists()


# --- Preferences -------------------------------------------------------------------------------------------------


def preference_default(kind: str) -> tuple[bool, str]:
    """(in the app, e-mail frequency): answers to my things at once, activity on what I follow weekly."""
    return True, Frequency.IMMEDIATE if category_of(kind) == ANSWERS else Frequency.WEEKLY


def preferences_for(*, user_ids: Iterable[int], kind: str) -> dict[int, tuple[bool, str]]:
    """One query: each person's (in_app, email) for ``kind``, with the defaults filled in."""
    user_ids = list(user_ids)
    chosen = {
        user_id: (in_app, email)
        for user_id, in_app, email in Preference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "in_app", "email"
        )
    }
    default = preference_default(kind)
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


@transaction.atomic
def preference_set(*, user, kind: str, in_app: bool | None = None, email: str | None = None) -> Preference:
    if kind not in MESSAGES:
        raise ValueError(f"Unknown notification kind: {kind}")
    default_in_app, default_email = preference_default(kind)
    preference, _created = Preference.objects.select_for_update().get_or_create(
        user=user, kind=kind, defaults={"in_app": default_in_app, "email": default_email}
    )
    if in_app is not None:
        preference.in_app = in_app
    if email is not None:
        if email not in Frequency.values:
            raise ValueError(f"Unknown frequency: {email}")
        preference.email = email
        # What is still waiting for a digest follows the new choice (nothing is lost by choosing "immediately":
        # it goes out with the next daily digest).
        pending_frequency = Frequency.DAILY if email == Frequency.IMMEDIATE else email
        Notification.objects.filter(recipient=user, kind=kind, email_delivery__isnull=True).exclude(
            email_frequency=Frequency.OFF
        ).update(email_frequency=pending_frequency)
    preference.save()
    return preference


def preferences_update(*, user, choices: dict[str, tuple[bool, str]]) -> None:
    """Save the whole preferences form: ``{kind: (in_app, email)}``."""
    with transaction.atomic():
        for kind, (in_app, email) in choices.items():
            preference_set(user=user, kind=kind, in_app=in_app, email=email)


# --- Unsubscribe links --------------------------------------------------------------------------------------------


def unsubscribe_token(*, user, kind: str) -> str:
    """A signed token that turns off e-mail of ``kind`` (or of every kind with ``"*"``) without logging in."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str):
    """(user, kind) for a valid token; raises ``signing.BadSignature`` for a forged or altered one."""

    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    kind = data.get("k")
    if kind != ALL_KINDS and kind not in MESSAGES:
        raise signing.BadSignature("unknown kind")
    try:
        user = User.objects.get(pk=data.get("u"), is_active=True)
    except User.DoesNotExist as exc:
        raise signing.BadSignature("unknown person") from exc
    return user, kind


def unsubscribe_apply(*, token: str) -> tuple:
    """Turn e-mail off for the token's kind(s). Idempotent; the token is the only credential needed."""
    user, kind = unsubscribe_token_read(token)
    kinds = list(MESSAGES) if kind == ALL_KINDS else [kind]
    with transaction.atomic():
        for each in kinds:
            preference_set(user=user, kind=each, email=Frequency.OFF)
    return user, kind


# --- Emitting ----------------------------------------------------------------------------------------------------


_email_muted = contextvars.ContextVar("notifications_email_muted", default=False)


@contextlib.contextmanager
def email_muted():
    """Within this block notifications are stored and shown in the app, but nobody is e-mailed (demo data)."""
    token = _email_muted.set(True)
    try:
        yield
    finally:
        _email_muted.reset(token)


def _is_hidden(target) -> bool:
    return target is not None and getattr(target, "hidden_at", None) is not None


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
    # Hidden content notifies no one (except its author about the moderation itself).
    if _is_hidden(target) and kind != "content_hidden":
        return []
    people = {}
    for recipient in recipients:
        if recipient is None or recipient.pk in people or not recipient.is_active:
            continue
        if actor is not None and recipient.pk == actor.pk:
            continue
        people[recipient.pk] = recipient
    if not people:
        return []
    if dedupe_key:
        already = Notification.objects.filter(recipient_id__in=list(people), dedupe_key=dedupe_key)
        for recipient_id in already.values_list("recipient_id", flat=True):
            people.pop(recipient_id, None)
    preferences = preferences_for(user_ids=list(people), kind=kind)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    message = str(
        MESSAGES[kind]
        % {
            "target": str(target) if target is not None else "",
            "actor": actor.public_name if actor is not None else _("Someone"),
        }
    )[:300]
    link = url or _target_url(target)
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
    created = _create_once(pending)
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
    delivery_ids = [delivery.pk for delivery in deliveries]
    bell_users = sorted({n.recipient_id for n in created if n.in_app})
    transaction.on_commit(lambda: _after_emit(delivery_ids, bell_users))
    return created


def _create_once(pending: list[Notification]) -> list[Notification]:
    """Insert; a concurrent emit of the same event hits the unique constraint and that person is skipped."""
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(pending)
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


def _after_emit(delivery_ids: list[int], bell_users: list[int]) -> None:
    if delivery_ids:
        email_deliveries_enqueue(delivery_ids=delivery_ids)
    if bell_users:
        bell_push_many(user_ids=bell_users)


def bell_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def bell_push(*, user_id: int) -> None:
    """Tell every open tab of this person the new unread count (best effort: the page shows it anyway)."""
    try:
        layer = get_channel_layer()
        if layer is None:
            return
        count = selectors.notification_unread_count(user=user_id)
        async_to_sync(layer.group_send)(bell_group(user_id), {"type": "bell.count", "unread": count})
    except Exception:  # noqa: BLE001 - a live update must never break the write that caused it
        logger.warning("Could not push the notification count to user %s", user_id, exc_info=True)


def bell_push_many(*, user_ids: list[int]) -> None:
    """The same for many people at once: one counting query, one event loop for all the sends."""
    try:
        layer = get_channel_layer()
        if layer is None:
            return
        counts = dict.fromkeys(user_ids, 0)
        counts.update(
            Notification.objects.filter(recipient_id__in=user_ids, in_app=True, read_at__isnull=True)
            .values_list("recipient_id")
            .annotate(unread=Count("pk"))
        )

        async def send_all():
            for user_id, unread in counts.items():
                await layer.group_send(bell_group(user_id), {"type": "bell.count", "unread": unread})

        async_to_sync(send_all)()
    except Exception:  # noqa: BLE001 - a live update must never break the write that caused it
        logger.warning("Could not push notification counts", exc_info=True)


# --- Reading -----------------------------------------------------------------------------------------------------


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    changed = qs.update(read_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: bell_push(user_id=user.pk))
    return changed


# --- E-mail ------------------------------------------------------------------------------------------------------


def email_delivery_enqueue(*, delivery_id: int) -> None:
    """Hand one e-mail to Celery (see ``email_deliveries_enqueue``)."""
    email_deliveries_enqueue(delivery_ids=[delivery_id])


def email_deliveries_enqueue(*, delivery_ids: list[int]) -> None:
    """Hand the e-mails of one event (or one digest run) to ONE Celery task. Broker unreachable: it runs here.

    In the embedded default (eager Celery) the task runs here and now; a failure is logged, never raised: the
    delivery rows keep it, and the write that caused it stands.
    """

    from .tasks import email_deliveries_send_batch

    if not delivery_ids:
        return
    try:
        task_enqueue(email_deliveries_send_batch, list(delivery_ids))
    except Exception:  # noqa: BLE001 - the delivery rows keep the failure; the write that caused it stands
        logger.warning("E-mail deliveries %s… failed", delivery_ids[:5], exc_info=True)


def email_delivery_send(*, delivery_id: int) -> bool:
    """Send one delivery at most once. Returns whether an e-mail left now (see ``email_deliveries_send``)."""
    sent, failed = email_deliveries_send(delivery_ids=[delivery_id])
    return bool(sent)


class DeliveriesFailed(smtplib.SMTPException):
    """Some deliveries of a batch met an SMTP error; ``delivery_ids`` are back to ``failed`` for the retry."""

    def __init__(self, message: str, delivery_ids: list[int]):
        super().__init__(message)
        self.delivery_ids = delivery_ids


def _deliveries_claim(delivery_ids: list[int]) -> list[int]:
    """pending/failed → sending, in one transaction; returns the ids this caller now owns.

    On PostgreSQL the candidate rows are locked (rows another worker holds are skipped), so the conditional UPDATE
    that follows claims exactly them; SQLite runs one writer at a time. A row already ``sending``/``sent`` is never
    claimed again: at most once.
    """
    claimable = [EmailDelivery.Status.PENDING, EmailDelivery.Status.FAILED]
    with transaction.atomic():
        ids = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=delivery_ids, status__in=claimable)
            .values_list("pk", flat=True)
        )
        if ids:
            EmailDelivery.objects.filter(pk__in=ids, status__in=claimable).update(
                status=EmailDelivery.Status.SENDING, attempts=F("attempts") + 1
            )
    return ids


def email_deliveries_send(*, delivery_ids: list[int]) -> tuple[list[int], list[int]]:
    """Send many deliveries, each at most once, over ONE SMTP connection. Returns (sent ids, skipped ids).

    Each row is claimed (pending/failed → sending) before anything leaves, so two workers, or a task retried after
    a message already left, never send it twice. An SMTP error puts the failing delivery and those not tried yet
    back to ``failed`` and raises ``DeliveriesFailed`` with their ids, for the retry; the ones already sent stay
    ``sent``. A crash in the middle leaves rows ``sending`` and they are never retried (at most once).
    """
    from django.core.mail import get_connection
    from django.db.models import Prefetch

    from .emails import email_message_build

    claimed = _deliveries_claim(delivery_ids)
    if not claimed:
        return [], []
    deliveries = list(
        EmailDelivery.objects.filter(pk__in=claimed)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "notifications",
                queryset=Notification.objects.select_related("actor").prefetch_related("target").order_by("created_at"),
            )
        )
        .order_by("pk")
    )
    messages, skipped = [], []
    for delivery in deliveries:
        notifications = [
            n
            for n in delivery.notifications.all()
            if not (n.target_type_id and _is_hidden(n.target) and n.kind != "content_hidden")
        ]
        user = delivery.user
        if not notifications or not user.email or not user.is_active:
            skipped.append(delivery.pk)
            continue
        messages.append((delivery.pk, email_message_build(delivery=delivery, notifications=notifications)))
    if skipped:
        EmailDelivery.objects.filter(pk__in=skipped).update(
            status=EmailDelivery.Status.SKIPPED, last_error="nothing left to send"
        )
    sent, error = [], None
    if messages:
        connection = get_connection()
        try:
            connection.open()
        except OSError as exc:  # nothing left yet (smtplib's errors are OSErrors too): every one is retried
            error = exc
        try:
            for delivery_id, message in messages if error is None else []:
                message.connection = connection
                connection.send_messages([message])
                sent.append(delivery_id)
        except smtplib.SMTPException as exc:
            error = exc
        finally:
            with contextlib.suppress(Exception):
                connection.close()
    if sent:
        EmailDelivery.objects.filter(pk__in=sent).update(status=EmailDelivery.Status.SENT, sent_at=timezone.now())
    if error is not None:
        failed = [delivery_id for delivery_id, _message in messages[len(sent) :]]
        EmailDelivery.objects.filter(pk__in=failed).update(
            status=EmailDelivery.Status.FAILED, last_error=str(error)[:300]
        )
        raise DeliveriesFailed(str(error), failed) from error
    return sent, skipped


def digest_period(*, frequency: str, now: datetime.datetime) -> str:
    local = timezone.localtime(now)
    if frequency == Frequency.DAILY:
        return local.date().isoformat()
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def notification_digest_build(*, frequency: str, now: datetime.datetime | None = None) -> list[int]:
    """Gather what waits for a ``frequency`` digest into one delivery per person; returns the delivery ids.

    The key ``digest:<frequency>:<user>:<period>`` makes a second run in the same period a no-op.
    """
    if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
        raise ValueError(f"Not a digest frequency: {frequency}")
    from django.db.models import CharField, OuterRef, Subquery, Value
    from django.db.models.functions import Cast, Concat

    period = digest_period(frequency=frequency, now=now or timezone.now())
    waiting = Notification.objects.filter(email_frequency=frequency, email_delivery__isnull=True)
    user_ids = list(waiting.values_list("recipient_id", flat=True).distinct().order_by("recipient_id"))
    if not user_ids:
        return []
    prefix = f"digest:{frequency}:"
    delivery_ids = []
    for start in range(0, len(user_ids), 500):
        chunk = user_ids[start : start + 500]
        keys = {f"{prefix}{user_id}:{period}": user_id for user_id in chunk}
        with transaction.atomic():
            # One row per person and period (the unique key); a row from an earlier run is kept as it is.
            EmailDelivery.objects.bulk_create(
                [EmailDelivery(key=key, user_id=user_id, frequency=frequency) for key, user_id in keys.items()],
                ignore_conflicts=True,
            )
            pending = dict(
                EmailDelivery.objects.filter(key__in=list(keys), status=EmailDelivery.Status.PENDING).values_list(
                    "user_id", "pk"
                )
            )
            # Already sent this period: the rest waits for the next one.
            if pending:
                own_delivery = EmailDelivery.objects.filter(
                    key=Concat(Value(prefix), Cast(OuterRef("recipient_id"), CharField()), Value(f":{period}"))
                ).values("pk")[:1]
                waiting.filter(recipient_id__in=list(pending)).update(email_delivery=Subquery(own_delivery))
        delivery_ids.extend(pending[user_id] for user_id in chunk if user_id in pending)
    return delivery_ids


def site_url(path: str) -> str:
    return settings.SITE_URL + path


# --- Personal data -----------------------------------------------------------------------------------------------


def notifications_erase_user(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    Follow.objects.filter(user=user).delete()
    Preference.objects.filter(user=user).delete()
    EmailDelivery.objects.filter(user=user).delete()
    # Other people's notifications may quote this person's name ("Ana mentioned you…"): keep them, drop the name.
    name = user.display_name or user.email.split("@")[0]
    for notification in Notification.objects.filter(actor=user):
        notification.message = notification.message.replace(name, "Cuenta eliminada")
        notification.save(update_fields=["message"])
