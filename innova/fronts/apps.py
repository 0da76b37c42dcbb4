from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontsConfig(AppConfig):
    name = "innova.fronts"
    label = "fronts"
    verbose_name = _("Work fronts")

    def ready(self):
        from innova.core import personal_data

        from . import selectors, services

        personal_data.register("fronts", export=selectors.front_personal_data, erase=services.fronts_erase_user)
