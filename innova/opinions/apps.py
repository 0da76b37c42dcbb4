from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "innova.opinions"
    label = "opinions"
    verbose_name = _("Opinion maps")

    def ready(self):
        from innova.core import personal_data

        from . import selectors, services

        personal_data.register("opinions", export=selectors.opinion_personal_data, erase=services.opinion_erase_user)
