from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "innova.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from innova.core import personal_data

        from . import registry, selectors, services

        registry.autodiscover()
        personal_data.register("opendata", export=selectors.api_token_personal_data, erase=services.opendata_erase_user)
