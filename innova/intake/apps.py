from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "innova.intake"
    label = "intake"
    verbose_name = _("Channels")

    def ready(self):
        from innova.core import personal_data

        from . import selectors, services

        personal_data.register("channels", export=selectors.intake_personal_data, erase=services.intake_erase_user)
