from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class TerritoryConfig(app_config.InnovaAppConfig):
    name = "innova.territory"
    verbose_name = _("Territory")
    baseline = (".services.territory_load",)
    registers = (
        ("django.core.checks.register", ".checks.map_tiles_check"),
        # the operator's map tiles are allowed as images in the CSP
        ("innova.core.middleware.img_origin_register", ".maptiles.tiles_origin"),
    )
