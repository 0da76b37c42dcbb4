from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "innova.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from innova.core import notify, personal_data

        from . import selectors, services
        from .services.erasure import notifications_erase_user

        personal_data.register("notifications", export=selectors.notification_export, erase=notifications_erase_user)
        notify.register(services)  # core and accounts tell people through core.notify
