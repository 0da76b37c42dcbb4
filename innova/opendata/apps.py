from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class OpendataConfig(app_config.InnovaAppConfig):
    name = "innova.opendata"
    verbose_name = _("Open data")
    personal_data = ("opendata", ".selectors.api_token_personal_data", ".services.opendata_erase_user")

    def ready(self):
        from . import registry

        registry.autodiscover()  # every app's public.py
        super().ready()
