"""The base layer under the UPZ polygons, chosen by the operator with ``MAP_TILES``.

- empty (the default): no tiles; the maps draw only Usme's official polygons and nothing leaves the site;
- an XYZ raster template (``https://tiles.example.org/{z}/{x}/{y}.png``): streets from that server; its origin is
  added to the CSP ``img-src`` and ``MAP_TILES_ATTRIBUTION`` is shown in the map's credits.
"""

from urllib.parse import urlsplit

from django.conf import settings


def tiles_origin() -> str:
    """The scheme and host of the tile server, or "" when the maps use no tiles (or serve them from the site)."""
    template = getattr(settings, "MAP_TILES", "")
    parts = urlsplit(template)
    if not template or not parts.netloc or parts.scheme not in ("http", "https"):
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def tile_layer() -> dict | None:
    """What Leaflet needs for the tile layer, or None for polygons only."""
    template = getattr(settings, "MAP_TILES", "")
    if not template:
        return None
    return {"url": template, "attribution": getattr(settings, "MAP_TILES_ATTRIBUTION", "")}
