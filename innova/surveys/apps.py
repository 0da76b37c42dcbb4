from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class SurveysConfig(app_config.InnovaAppConfig):
    name = "innova.surveys"
    verbose_name = _("Surveys")
    personal_data = ("surveys", ".selectors.survey_personal_data", ".services.surveys_erase_user")

    def ready(self):
        # Imported here: models and registries need Django's app registry, not ready when apps.py loads.
        from . import rules  # noqa: F401 - rules registers the permissions

        super().ready()
