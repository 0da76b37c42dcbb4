from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "innova.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self):
        from innova.core import baseline

        from .services import territory_load

        baseline.register(territory_load)
