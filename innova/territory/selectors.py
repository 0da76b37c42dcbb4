from django.db.models import QuerySet

from .data import USME_CENTRE
from .models import Upz


def upz_list() -> QuerySet[Upz]:
    return Upz.objects.all()


def upz_for_point(*, lat: float, lon: float) -> Upz | None:
    """The UPZ containing a point (the smallest box wins where boxes overlap); None outside Usme."""
    candidates = [upz for upz in Upz.objects.all() if upz.contains(lat, lon)]
    return min(candidates, key=lambda upz: upz.area) if candidates else None


def point_in_usme(*, lat: float, lon: float) -> bool:
    return upz_for_point(lat=lat, lon=lon) is not None


def map_config() -> dict:
    """What a Leaflet map needs to centre on Usme and draw its UPZs (JSON-serialisable)."""
    return {
        "centre": list(USME_CENTRE),
        "upzs": [
            {
                "id": upz.pk,
                "code": upz.code,
                "name": str(upz),
                "centroid": [upz.centroid_lat, upz.centroid_lon],
                "bounds": [[upz.min_lat, upz.min_lon], [upz.max_lat, upz.max_lon]],
            }
            for upz in Upz.objects.all()
        ],
    }
