from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class OpendataConfig(app_config.InnovaAppConfig):
    name = "innova.opendata"
    verbose_name = _("Open data")
    personal_data = ("opendata", ".selectors.api_token_personal_data", ".services.opendata_erase_user")

    def ready(self):
        # Imported here: models and registries need Django's app registry, not ready when apps.py loads.
        from . import registry

        registry.autodiscover()  # every app's public.py
        super().ready()
