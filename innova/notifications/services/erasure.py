"""Account deletion: what the notifications app keeps about a person."""

from ..models import EmailDelivery, Follow, Notification, Preference


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
