from .models import Notification


def notification_list(*, user):
    return Notification.objects.filter(recipient=user).select_related("actor")


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_export(user) -> list[dict]:
    return [
        {"kind": n.kind, "message": n.message, "created_at": n.created_at.isoformat(), "read": n.read_at is not None}
        for n in Notification.objects.filter(recipient=user)
    ]
