from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class DifficultiesConfig(app_config.InnovaAppConfig):
    name = "innova.difficulties"
    verbose_name = _("Difficulties")
    personal_data = ("difficulties", ".selectors.difficulty_personal_data", ".services.difficulties_erase_user")
    registers = (("innova.problems.trail.register", ".selectors.difficulty_trail_entries"),)
