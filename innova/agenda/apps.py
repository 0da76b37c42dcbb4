from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class AgendaConfig(app_config.InnovaAppConfig):
    name = "innova.agenda"
    verbose_name = _("Agenda")
    personal_data = ("agenda", ".selectors.registration_personal_data", ".services.agenda_erase_user")
