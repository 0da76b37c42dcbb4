from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "innova.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from innova.core import personal_data

        from . import rules, selectors, services  # noqa: F401 - rules registers the permissions

        personal_data.register("surveys", export=selectors.survey_personal_data, erase=services.surveys_erase_user)
