from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "innova.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self):
        from django.core import checks

        from innova.core import baseline
        from innova.core.middleware import img_origin_register

        from .checks import map_tiles_check
        from .maptiles import tiles_origin
        from .services import territory_load

        checks.register(map_tiles_check)
        baseline.register(territory_load)
        img_origin_register(tiles_origin)  # the operator's map tiles are allowed as images in the CSP
