from django.db.models import QuerySet

from .geometry import ATTRIBUTION, coarsened, territory, zone_for_point
from .maptiles import tile_layer
from .models import Upz


def upz_list() -> QuerySet[Upz]:
    return Upz.objects.all()


def upz_for_point(*, lat: float, lon: float) -> Upz | None:
    """The UPZ (or the rural zone) whose official boundary holds a point; None outside Usme."""
    zone = zone_for_point(lat=lat, lon=lon)
    return None if zone is None else Upz.objects.filter(code=zone.code).first()


def point_in_usme(*, lat: float, lon: float) -> bool:
    return zone_for_point(lat=lat, lon=lon) is not None


def map_config() -> dict:
    """What a Leaflet map needs to draw Usme: each zone's boundary, label point and bounds, the outline of the
    locality and the base layer chosen by the operator (JSON-serialisable)."""

    outline = territory().locality
    return {
        "attribution": ATTRIBUTION,
        "tiles": tile_layer(),
        "outline": [[round(lat, 5), round(lon, 5)] for lon, lat in outline.exterior.coords],
        "upzs": [
            {
                "id": upz.pk,
                "code": upz.code,
                "name": str(upz),
                "short_name": upz.name,
                "rural": upz.kind == Upz.Kind.RURAL,
                "centroid": [upz.centroid_lat, upz.centroid_lon],
                "bounds": [[upz.min_lat, upz.min_lon], [upz.max_lat, upz.max_lon]],
                "boundary": upz.boundary,
            }
            for upz in Upz.objects.all()
        ],
    }


def public_point(*, user, lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """The point as ``user`` may see it: exact for the staff allowed to (``territory.view_exact_location``),
    rounded to 0.001° (about 110 m: a street, not a door) for everyone else, anonymous visitors included."""
    if user is not None and user.has_perm("territory.view_exact_location"):
        return lat, lon
    return coarsened(lat), coarsened(lon)
