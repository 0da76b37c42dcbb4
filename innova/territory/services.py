from .data import UPZS
from .models import Upz


def territory_load() -> None:
    """Create or refresh the UPZs of Usme (also run by migration 0002); idempotent."""
    for code, name, kind, (clat, clon), (min_lat, min_lon, max_lat, max_lon) in UPZS:
        Upz.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "centroid_lat": clat,
                "centroid_lon": clon,
                "min_lat": min_lat,
                "min_lon": min_lon,
                "max_lat": max_lat,
                "max_lon": max_lon,
            },
        )
