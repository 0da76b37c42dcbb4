from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "innova.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from innova.core import personal_data

        from . import selectors, services

        personal_data.register("agenda", export=selectors.registration_personal_data, erase=services.agenda_erase_user)
