"""A tiny PMTiles v3 archive of Usme that the tests write themselves: PNG tiles drawn with Pillow, packed with the
reference ``pmtiles`` writer (PyPI, pinned in requirements.txt)."""

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

# Usme's bounding box (west, south, east, north), as in the README's `pmtiles extract --bbox`.
USME_BBOX = (-74.22, 4.26, -74.05, 4.56)


def tile_xy(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """The XYZ (web mercator) tile that holds a point."""
    n = 2**zoom
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def tiles_covering(bbox: tuple[float, float, float, float], zoom: int) -> list[tuple[int, int, int]]:
    west, south, east, north = bbox
    x0, y0 = tile_xy(west, north, zoom)
    x1, y1 = tile_xy(east, south, zoom)
    return [(zoom, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def tile_png(z: int, x: int, y: int) -> bytes:
    """A 256 px tile that looks like a street map: pale ground, a grid of white streets, and its own address."""
    image = Image.new("RGB", (256, 256), (242, 239, 233))
    draw = ImageDraw.Draw(image)
    for position in (40, 128, 216):
        draw.line([(position, 0), (position, 255)], fill=(190, 186, 178), width=9)
        draw.line([(0, position), (255, position)], fill=(190, 186, 178), width=9)
        draw.line([(position, 0), (position, 255)], fill=(255, 255, 255), width=6)
        draw.line([(0, position), (255, position)], fill=(255, 255, 255), width=6)
    draw.rectangle([(0, 0), (255, 255)], outline=(214, 208, 198))
    draw.text((48, 48), f"{z}/{x}/{y}", fill=(120, 110, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def usme_archive_write(
    path: Path, *, zooms: tuple[int, ...] = (12, 13), tile_type: TileType = TileType.PNG
) -> list[tuple[int, int, int]]:
    """Write a raster PMTiles archive covering Usme at ``zooms`` to ``path``; return the (z, x, y) it holds.
    ``tile_type`` only labels the archive (``TileType.MVT`` makes one a raster reader must refuse)."""
    tiles = sorted(
        (tile for zoom in zooms for tile in tiles_covering(USME_BBOX, zoom)), key=lambda t: zxy_to_tileid(*t)
    )
    west, south, east, north = USME_BBOX
    with open(path, "wb") as handle:
        writer = Writer(handle)
        for z, x, y in tiles:
            writer.write_tile(zxy_to_tileid(z, x, y), tile_png(z, x, y))
        writer.finalize(
            {
                "tile_type": tile_type,
                "tile_compression": Compression.NONE,
                "min_lon_e7": int(west * 10_000_000),
                "min_lat_e7": int(south * 10_000_000),
                "max_lon_e7": int(east * 10_000_000),
                "max_lat_e7": int(north * 10_000_000),
                "center_zoom": zooms[0],
                "center_lon_e7": int((west + east) / 2 * 10_000_000),
                "center_lat_e7": int((south + north) / 2 * 10_000_000),
            },
            {"name": "Usme (test tiles)", "attribution": "Teselas de prueba"},
        )
    return tiles
