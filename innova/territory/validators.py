from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .selectors import point_in_usme


def validate_point_in_usme(lat: float | None, lon: float | None) -> None:
    """Refuse a map point outside the locality, with a message a resident understands."""
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        raise ValidationError(_("The map point is incomplete. Mark it again or leave it empty."))
    if not point_in_usme(lat=lat, lon=lon):
        raise ValidationError(
            _("The point you marked is outside Usme. Move it inside the locality or leave the map empty.")
        )
