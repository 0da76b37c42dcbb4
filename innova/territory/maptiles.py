"""The base layer under the UPZ polygons, chosen by the operator with ``MAP_TILES``.

- empty (the default): no tiles; the maps draw only Usme's official polygons and nothing leaves the site;
- an XYZ raster template (``https://tiles.example.org/{z}/{x}/{y}.png``): streets from that server; its origin is
  added to the CSP ``img-src`` and ``MAP_TILES_ATTRIBUTION`` is shown in the map's credits;
- the path of a local PMTiles archive of raster tiles (``/srv/innova/usme.pmtiles``: any value that is not an
  ``http(s)://`` address and ends in ``.pmtiles``; a relative path counts from the project folder): the app serves
  the file itself at ``/territorio/teselas.pmtiles`` with range requests (``territory.views.tiles_archive``) and
  the maps read the tiles out of it in the browser (the vendored ``pmtiles`` library): streets with no request
  leaving the site, and the CSP stays ``'self'``.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

ARCHIVE_SUFFIX = ".pmtiles"
ARCHIVE_CONTENT_TYPE = "application/vnd.pmtiles"


def _setting() -> str:
    return getattr(settings, "MAP_TILES", "").strip()


def tiles_archive() -> Path | None:
    """The local PMTiles archive named by ``MAP_TILES``, or None when it names none (empty or a tile server)."""
    value = _setting()
    if not value.lower().endswith(ARCHIVE_SUFFIX) or urlsplit(value).scheme in ("http", "https"):
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def remote_archive() -> bool:
    """``MAP_TILES`` is the address of a PMTiles archive on another server: not supported (no streets, and a
    warning from ``manage.py check``), since reading it would need its origin in the CSP ``connect-src``."""
    value = _setting()
    return value.lower().endswith(ARCHIVE_SUFFIX) and urlsplit(value).scheme in ("http", "https")


def tiles_origin() -> str:
    """The scheme and host of the tile server, or "" when the maps use no tiles (or serve them from the site)."""
    template = _setting()
    parts = urlsplit(template)
    if not template or remote_archive() or not parts.netloc or parts.scheme not in ("http", "https"):
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def tile_layer() -> dict | None:
    """What Leaflet needs for the tile layer (``url`` of an XYZ template or ``pmtiles`` of the served archive),
    or None for polygons only."""
    value = _setting()
    if not value or remote_archive():
        return None
    attribution = getattr(settings, "MAP_TILES_ATTRIBUTION", "")
    if tiles_archive() is not None:
        return {"pmtiles": reverse("territory:tiles_archive"), "attribution": attribution}
    return {"url": value, "attribution": attribution}
