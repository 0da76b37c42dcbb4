"""Core's own sections of the personal-data registry (`personal_data.py`): what core and the third-party apps it
stands for hold about a person, for the habeas-data export and erasure (comments, their votes and the flags:
``comments/apps.py``).

- contact messages: not tied to an account, found by the account's e-mail; exported and deleted.
- audit entries: the staff actions a person did are exported; on erasure the entries keep the actor foreign key
  (accountability) but any copy of the person's name in ``target_label`` is replaced.
- log-in records (django-axes) and the Django admin's log store the e-mail or the name: exported, then erased or
  anonymised.
"""

import re

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from . import personal_data
from .models import AuditEntry, ContactMessage

DELETED_LABEL = "Cuenta eliminada"


def _identifiers(user) -> list[str]:
    """The strings that name this person in free-text copies (longest first, so a name wins over a part of it)."""
    values = {user.email, user.display_name, user.get_full_name()}
    return sorted((v for v in values if v and len(v) >= 3), key=len, reverse=True)


def _scrub(text: str, user) -> str:
    for identifier in _identifiers(user):
        text = re.sub(re.escape(identifier), DELETED_LABEL, text, flags=re.IGNORECASE)
    return text


def contact_messages_export(user) -> list[dict]:

    return [
        {"name": m.name, "email": m.email, "subject": m.subject, "message": m.message, "sent_at": m.created_at}
        for m in ContactMessage.objects.filter(email__iexact=user.email)
    ]


def contact_messages_erase_user(user) -> None:

    ContactMessage.objects.filter(email__iexact=user.email).delete()


def staff_actions_export(user) -> list[dict]:

    return [
        {"action": e.action, "target": e.target_label, "reason": e.reason, "at": e.created_at.isoformat()}
        for e in AuditEntry.objects.filter(actor=user)
    ]


def staff_actions_erase_user(user) -> None:
    """Entries about this person (their account, their role claims) keep what happened, not who they were."""

    about = Q(target_type="accounts.user", target_id=str(user.pk)) | Q(
        target_type="accounts.roleclaim",
        target_id__in=[str(pk) for pk in user.role_claims.values_list("pk", flat=True)],
    )
    candidates = AuditEntry.objects.filter(about)
    for identifier in _identifiers(user):
        candidates = candidates | AuditEntry.objects.filter(target_label__icontains=identifier)
    for entry in candidates.distinct():
        is_account = entry.target_type == "accounts.user" and entry.target_id == str(user.pk)
        entry.target_label = DELETED_LABEL if is_account else _scrub(entry.target_label, user)
        entry.save(update_fields=["target_label"])


def login_records_export(user) -> dict:
    def rows(model):
        return [
            {"ip_address": r.ip_address, "user_agent": r.user_agent, "at": r.attempt_time.isoformat()}
            for r in model.objects.filter(username__iexact=user.email)
        ]

    return {"logins": rows(AccessLog), "failed_logins": rows(AccessFailureLog), "lockouts": rows(AccessAttempt)}


def login_records_erase_user(user) -> None:
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        model.objects.filter(username__iexact=user.email).delete()
    # The admin's history names the edited object by its str(): keep the history, drop the name.
    user_type = ContentType.objects.get_for_model(user._meta.model)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(object_repr=DELETED_LABEL)
    for identifier in _identifiers(user):
        for entry in LogEntry.objects.filter(object_repr__icontains=identifier):
            entry.object_repr = _scrub(entry.object_repr, user)
            entry.save(update_fields=["object_repr"])


def register_all() -> None:

    personal_data.register("contact_messages", export=contact_messages_export, erase=contact_messages_erase_user)
    personal_data.register("staff_actions", export=staff_actions_export, erase=staff_actions_erase_user)
    personal_data.register("login_records", export=login_records_export, erase=login_records_erase_user)
