"""Each person's choice per kind (in the app, e-mail frequency) and the signed links that turn e-mail off."""

from collections.abc import Iterable

from django.core import signing
from django.db import transaction

from innova.accounts.models import User

from ..kinds import ANSWERS, MESSAGES, category_of
from ..models import Frequency, Notification, Preference

UNSUBSCRIBE_SALT = "innova.notifications.unsubscribe"
ALL_KINDS = "*"


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
