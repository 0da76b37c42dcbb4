from .geometry import zone_rows
from .models import Upz


def territory_load() -> None:
    """Create or refresh the UPZs of Usme and the rural zone from the official boundaries; idempotent."""
    rows = zone_rows()
    if Upz.objects.filter(code__in=rows, boundary__isnull=False).count() == len(rows):
        return
    for code, defaults in rows.items():
        Upz.objects.update_or_create(code=code, defaults=defaults)
