from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "innova.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self):
        from django.core import checks

        from .checks import map_tiles_check

        checks.register(map_tiles_check)
