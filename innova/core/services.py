from django.core.mail import mail_admins
from django.db import transaction

from .models import AuditEntry, ContactMessage


def audit_record(*, actor, action: str, target=None, reason: str = "", data: dict | None = None) -> AuditEntry:
    """Record a staff action. Call it inside the service's transaction so both commit together."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        reason=reason,
        data=data or {},
    )


@transaction.atomic
def contact_message_send(*, name: str, email: str, subject: str, message: str) -> ContactMessage:
    contact = ContactMessage.objects.create(name=name, email=email, subject=subject, message=message)
    transaction.on_commit(
        lambda: mail_admins(f"Contacto: {subject}", f"{name} <{email}>\n\n{message}", fail_silently=True)
    )
    return contact


# What shows a person's name or role and is cached (the comments of a page) registers here from an app above
# (comments, in its ``AppConfig.ready()``); accounts calls ``person_shown_changed``.
_person_shown_hooks: list = []


def person_shown_register(fn) -> None:
    """``fn(user=…)`` retires the cached fragments that show ``user``; called inside the caller's transaction."""
    if fn not in _person_shown_hooks:
        _person_shown_hooks.append(fn)


def person_shown_changed(*, user) -> None:
    """A person's name or role changed (profile edit, role decision, anonymisation, account deletion): once the
    transaction commits, every cached fragment that shows them is retired."""
    for fn in _person_shown_hooks:
        fn(user=user)
