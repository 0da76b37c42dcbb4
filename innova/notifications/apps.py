from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class NotificationsConfig(app_config.InnovaAppConfig):
    name = "innova.notifications"
    verbose_name = _("Notifications")
    personal_data = ("notifications", ".selectors.notification_export", ".services.erasure.notifications_erase_user")
    registers = (("innova.core.notify.register", ".services"),)  # core and accounts tell people through core.notify
