from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DifficultiesConfig(AppConfig):
    name = "innova.difficulties"
    label = "difficulties"
    verbose_name = _("Difficulties")

    def ready(self):
        from innova.core import personal_data
        from innova.problems import trail

        from . import selectors, services

        personal_data.register(
            "difficulties", export=selectors.difficulty_personal_data, erase=services.difficulties_erase_user
        )
        trail.register(selectors.difficulty_trail_entries)
