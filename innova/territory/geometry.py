"""Usme's territory from the official boundaries (IDECA Bogotá), tested with shapely; no database needed.

The boundaries ship in ``boundaries/usme_upz.geojson`` (see the README beside it). Rules drawn from that data:

- a point is in Usme when it lies in the outline of the locality or in one of its seven urban UPZs (the UPZs are
  simplified more finely than the outline, so a point on a UPZ's edge may fall a few metres outside the outline);
- the UPZs do not overlap: each UPZ is cut by the UPZs before it (by code), which removes the few slivers that the
  simplification left, so a point is in one UPZ at most;
- the rural zone is the locality minus the UPZs (its slivers along the UPZs' edges, left by the two
  simplifications, are dropped: a point there belongs to the nearest zone);
- the detached northern piece of UPZ 60 Parque Entrenubes lies in Rafael Uribe Uribe according to IDECA's
  locality layer: it is dropped, so a point there is outside Usme.

Points are (latitude, longitude) in WGS84; GeoJSON and shapely use (longitude, latitude).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shapely import geometry, ops, prepare, transform
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

BOUNDARIES = Path(__file__).parent / "boundaries" / "usme_upz.geojson"
RURAL_CODE = "RURAL"
RURAL_NAME = "Zona rural de Usme"
DETACHED_UPZ = "60"
SLIVER_AREA = 1e-5  # square degrees, about 0.12 km²
ATTRIBUTION = "Límites: IDECA Bogotá (Mapa de Referencia 12.16), licencia abierta, compartir igual"


@dataclass(frozen=True)
class Zone:
    code: str
    name: str
    kind: str  # "urban" or "rural", as in ``Upz.Kind``
    shape: BaseGeometry

    @property
    def label_point(self) -> tuple[float, float]:
        """The point deepest inside the zone (lat, lon): where a label or a map centre belongs."""
        largest = max(getattr(self.shape, "geoms", [self.shape]), key=lambda part: part.area)
        point = polylabel(largest, tolerance=1e-5)
        return point.y, point.x

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min lat, min lon, max lat, max lon)."""
        min_lon, min_lat, max_lon, max_lat = self.shape.bounds
        return min_lat, min_lon, max_lat, max_lon

    def geojson(self, precision: int = 6) -> dict:
        """The zone's geometry as GeoJSON, coordinates rounded (1e-6° is ~10 cm)."""
        rounded = geometry.mapping(transform(self.shape, lambda coords: coords.round(precision)))
        return json.loads(json.dumps(rounded))  # tuples to lists, as stored in a JSONField


@dataclass(frozen=True)
class Territory:
    locality: BaseGeometry
    zones: tuple[Zone, ...]  # the urban UPZs by code, then the rural zone

    def zone(self, code: str) -> Zone:
        return next(zone for zone in self.zones if zone.code == code)

    def locate(self, *, lat: float, lon: float) -> Zone | None:
        """The UPZ or the rural zone holding a point; None outside Usme."""
        point = geometry.Point(lon, lat)
        for zone in self.zones:
            if zone.shape.covers(point):
                return zone
        if self.locality.covers(point):
            return min(self.zones, key=lambda zone: zone.shape.distance(point))
        return None


def _without_detached_piece(shape: BaseGeometry, locality: BaseGeometry) -> BaseGeometry:
    parts = [part for part in getattr(shape, "geoms", [shape]) if locality.contains(part.representative_point())]
    return ops.unary_union(parts)


@cache
def territory() -> Territory:
    """The territory of Usme, built once per process from the shipped boundaries."""
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    locality = next(geometry.shape(f["geometry"]) for f in features if f["properties"]["kind"] == "localidad")
    zones = []
    taken = geometry.Polygon()
    for feature in sorted(
        (f for f in features if f["properties"]["kind"] == "UPZ"), key=lambda f: f["properties"]["code"]
    ):
        shape = geometry.shape(feature["geometry"])
        if str(feature["properties"]["code"]) == DETACHED_UPZ:
            shape = _without_detached_piece(shape, locality)
        shape = shape.difference(taken)
        taken = taken.union(shape)
        zones.append(Zone(str(feature["properties"]["code"]), feature["properties"]["name"], "urban", shape))
    rest = locality.difference(taken)
    rural = ops.unary_union([part for part in getattr(rest, "geoms", [rest]) if part.area > SLIVER_AREA])
    zones.append(Zone(RURAL_CODE, RURAL_NAME, "rural", rural))
    outline = locality.union(taken)
    for zone in zones:
        prepare(zone.shape)
    prepare(outline)
    return Territory(locality=outline, zones=tuple(zones))


def zone_for_point(*, lat: float, lon: float) -> Zone | None:
    return territory().locate(lat=lat, lon=lon)


def coarsened(value: float | None, *, places: int = 3) -> float | None:
    """A coordinate rounded to a grid of 0.001° (about 110 m in Usme): a street, not a door."""
    return None if value is None else round(value, places)


@cache
def zone_rows() -> dict[str, dict]:
    """Each zone's fields for ``Upz`` by code (shared by ``territory_load`` and the initial migration)."""
    rows = {}
    for zone in territory().zones:
        (label_lat, label_lon), (min_lat, min_lon, max_lat, max_lon) = zone.label_point, zone.bounds
        rows[zone.code] = {
            "name": zone.name,
            "kind": zone.kind,
            "centroid_lat": round(label_lat, 6),
            "centroid_lon": round(label_lon, 6),
            "min_lat": min_lat,
            "min_lon": min_lon,
            "max_lat": max_lat,
            "max_lon": max_lon,
            "boundary": zone.geojson(),
        }
    return rows
