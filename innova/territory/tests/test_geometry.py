"""Which UPZ holds a point, against IDECA's official boundaries (issue #20)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from innova.territory.geometry import DETACHED_UPZ, territory, zone_for_point
from innova.territory.models import Upz
from innova.territory.selectors import upz_for_point
from innova.territory.validators import validate_point_in_usme

URBAN_CODES = ["52", "56", "57", "58", "59", "60", "61"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("place", "point", "expected"),
    [
        ("Portal de Usme", (4.5315, -74.1170), "56 Danubio"),
        ("Usme Pueblo", (4.4760, -74.1265), "61 Ciudad Usme"),
        ("rural south", (4.3500, -74.1800), "Zona rural de Usme"),
    ],
)
def test_known_places_fall_in_their_upz(place, point, expected):
    assert str(upz_for_point(lat=point[0], lon=point[1])) == expected, place


def test_a_point_in_ciudad_bolivar_is_refused_in_spanish():
    assert zone_for_point(lat=4.5000, lon=-74.1600) is None
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        validate_point_in_usme(4.5000, -74.1600)
    assert "fuera de Usme" in refused.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize("code", URBAN_CODES)
def test_the_point_deepest_inside_each_upz_belongs_to_it(code):
    upz = Upz.objects.get(code=code)
    # The stored label point is shapely's polylabel of the UPZ's largest part.
    assert upz_for_point(lat=upz.centroid_lat, lon=upz.centroid_lon) == upz


def test_the_detached_piece_of_upz_60_lies_outside_usme():
    import json

    from shapely import geometry

    from innova.territory.geometry import BOUNDARIES

    feature = next(
        f for f in json.loads(BOUNDARIES.read_text())["features"] if str(f["properties"]["code"]) == DETACHED_UPZ
    )
    parts = sorted(geometry.shape(feature["geometry"]).geoms, key=lambda part: part.area)
    detached = parts[0].representative_point()
    assert zone_for_point(lat=detached.y, lon=detached.x) is None
    main = parts[-1].representative_point()
    assert zone_for_point(lat=main.y, lon=main.x).code == DETACHED_UPZ


@settings(max_examples=400, deadline=None)
@given(lat=st.floats(4.45, 4.56), lon=st.floats(-74.14, -74.07))
def test_no_point_falls_in_two_upzs(lat, lon):
    from shapely import geometry

    point = geometry.Point(lon, lat)
    holders = [zone.code for zone in territory().zones if zone.shape.covers(point) and zone.kind == "urban"]
    # Points on a shared edge are the only ones a closed shape can share; the interiors never overlap.
    inside = [zone.code for zone in territory().zones if zone.shape.contains(point)]
    assert len(inside) <= 1, inside
    assert len(holders) <= 1 or all(
        zone.shape.boundary.distance(point) < 1e-9 for zone in territory().zones if zone.code in holders
    ), holders


def test_the_upzs_interiors_do_not_overlap():
    zones = territory().zones
    for i, first in enumerate(zones):
        for second in zones[i + 1 :]:
            assert first.shape.intersection(second.shape).area < 1e-12, (first.code, second.code)
