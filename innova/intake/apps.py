from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class IntakeConfig(app_config.InnovaAppConfig):
    name = "innova.intake"
    verbose_name = _("Channels")
    personal_data = ("channels", ".selectors.intake_personal_data", ".services.intake_erase_user")
