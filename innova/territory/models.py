from django.db import models
from django.utils.translation import gettext_lazy as _


class Upz(models.Model):
    """A UPZ (Unidad de Planeamiento Zonal) of Usme, or its rural zone.

    Each carries its official boundary as GeoJSON (IDECA Bogotá, loaded by a data migration from
    ``territory/boundaries/``), the point deepest inside it (to label and centre maps) and its bounding box.
    Which zone holds a point is answered by ``territory.geometry`` from the same shipped file.
    """

    class Kind(models.TextChoices):
        URBAN = "urban", _("Urban UPZ")
        RURAL = "rural", _("Rural zone")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.URBAN)
    centroid_lat = models.FloatField()
    centroid_lon = models.FloatField()
    min_lat = models.FloatField()
    min_lon = models.FloatField()
    max_lat = models.FloatField()
    max_lon = models.FloatField()
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("UPZ")
        verbose_name_plural = _("UPZs")

    def __str__(self) -> str:
        if self.kind == self.Kind.RURAL:
            return str(self.name)
        return f"{self.code} {self.name}"
