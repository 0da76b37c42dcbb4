"""Charts as server-rendered SVG: light, no JavaScript, no CDN. Each chart on a page comes with a data table.

The UPZ map draws each UPZ from its official boundary (IDECA Bogotá, stored on ``Upz.boundary``).
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 320
BAR_HEIGHT = 22
LABEL_WIDTH = 150  # room for a 20-character label at 12 px (a longer one is cut with "…")
PALETTE = ("#eef4f8", "#c6dbef", "#6baed6", "#2171b5", "#08306b")


def _shortened(label: str, room: int = 20) -> str:
    """A label that fits beside its bar; a cut one ends in "…" so it does not read as a different word."""
    return label if len(label) <= room else label[: room - 1] + "…"


def bar_chart(data: dict[str, int]) -> str:
    """Horizontal bars, one per key, labelled with the value."""
    if not data:
        return ""
    top = max(data.values()) or 1
    rows = []
    for i, (label, value) in enumerate(data.items()):
        y = i * BAR_HEIGHT
        length = (WIDTH - LABEL_WIDTH - 40) * value / top
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(_shortened(str(label)))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{BAR_HEIGHT - 6}" fill="#2171b5"/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 15}" font-size="12">{value}</text>'
        )
    height = len(data) * BAR_HEIGHT
    return mark_safe(  # noqa: S308  # nosec B308 B703 - labels escaped above; the rest are numbers
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>'
    )


def column_chart(data: dict[str, int]) -> str:
    """Vertical columns in order (months), the first and last labelled."""
    if not data:
        return ""
    top = max(data.values()) or 1
    height, base = 120, 100
    step = WIDTH / len(data)
    parts = []
    keys = list(data)
    for i, (label, value) in enumerate(data.items()):
        h = (base - 10) * value / top
        parts.append(
            f'<rect x="{i * step + 1:.1f}" y="{base - h:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" '
            f'fill="#2171b5"><title>{escape(label)}: {value}</title></rect>'
        )
    parts.append(f'<text x="0" y="{height - 4}" font-size="12">{escape(keys[0])}</text>')
    if len(keys) > 1:
        parts.append(f'<text x="{WIDTH}" y="{height - 4}" font-size="12" text-anchor="end">{escape(keys[-1])}</text>')
    return mark_safe(  # noqa: S308  # nosec B308 B703 - labels escaped above; the rest are numbers
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def _rings(geometry: dict) -> list[list]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def upz_choropleth(upzs, counts: dict[str, int], *, urban_only: bool = True) -> str:
    """Each UPZ as its official boundary (IDECA Bogotá), shaded by its count (five classes) and labelled at the
    point deepest inside it; the rural zone is left out of the drawing (it would dwarf the urban UPZs) but stays in
    the data table."""
    shapes = [u for u in upzs if (not urban_only or u.kind == "urban") and u.boundary]
    if not shapes:
        return ""
    points = [point for u in shapes for ring in _rings(u.boundary) for point in ring]
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    scale = WIDTH / (max_lon - min_lon)
    height = (max_lat - min_lat) * scale
    top = max([counts.get(u.code, 0) for u in shapes] + [1])
    parts = []
    for u in shapes:
        value = counts.get(u.code, 0)
        shade = PALETTE[min(len(PALETTE) - 1, round((len(PALETTE) - 1) * value / top))]
        path = " ".join(
            "M" + " L".join(f"{(lon - min_lon) * scale:.1f},{(max_lat - lat) * scale:.1f}" for lon, lat in ring) + "Z"
            for ring in _rings(u.boundary)
        )
        x, y = (u.centroid_lon - min_lon) * scale, (max_lat - u.centroid_lat) * scale
        text_fill = "#fff" if shade in PALETTE[3:] else "#000"
        parts.append(
            f"<g><title>{escape(str(u))}: {value}</title>"
            f'<path d="{path}" fill="{shade}" fill-rule="evenodd" stroke="#333" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
            f'fill="{text_fill}">{escape(u.code)}: {value}</text></g>'
        )
    return mark_safe(  # noqa: S308  # nosec B308 B703 - labels escaped above; the rest are numbers
        f'<svg viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" aria-hidden="true" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )
