"""One chart engine for every page and PDF: server-rendered SVG, no JavaScript, no CDN.

Each function here only measures — it turns counts into shapes whose coordinates are already written as text (so
a page in Spanish never prints "12,5" inside an SVG attribute) — and renders one template of
``core/templates/core/charts/``, where Django escapes every label. A chart on a page always comes with a data table
or the figures in words: the drawing is ``aria-hidden`` or labelled as a whole.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.text import Truncator

WIDTH = 320
BAR_HEIGHT = 22
LABEL_WIDTH = 150  # room for a 20-character label at 12 px (a longer one is cut with "…")
PALETTE = ("#eef4f8", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
PERCENT_ROW = 40
PERCENT_TRACK = 240


def _num(value: float) -> str:
    return f"{value:.1f}"


def _shortened(label: str, room: int = 20) -> str:
    """A label that fits beside its bar; a cut one ends in "…" so it does not read as a different word."""
    return label if len(label) <= room else label[: room - 1] + "…"


@dataclass(frozen=True)
class Shape:
    """One mark of a chart: where it goes (numbers already written) and what it says."""

    label: str
    value: object
    code: str = ""
    x: str = "0"
    y: str = "0"
    width: str = "0"
    height: str = "0"
    text_x: str = "0"
    text_y: str = "0"
    path: str = ""
    fill: str = ""
    text_fill: str = ""


def _render(template: str, **context) -> str:
    return render_to_string(f"core/charts/{template}", context)


def bar_chart(data: dict[str, int]) -> str:
    """Horizontal bars, one per key, the label beside and the value after each bar."""
    if not data:
        return ""
    top = max(data.values()) or 1
    bars = []
    for index, (label, value) in enumerate(data.items()):
        y = index * BAR_HEIGHT
        length = (WIDTH - LABEL_WIDTH - 40) * value / top
        bars.append(
            Shape(
                label=_shortened(str(label)),
                value=value,
                x=str(LABEL_WIDTH),
                y=str(y + 3),
                width=_num(length),
                height=str(BAR_HEIGHT - 6),
                text_x=_num(LABEL_WIDTH + length + 4),
                text_y=str(y + 15),
            )
        )
    return _render("bars.svg", width=WIDTH, height=len(data) * BAR_HEIGHT, label_x=LABEL_WIDTH - 6, bars=bars)


def column_chart(data: dict[str, int]) -> str:
    """Vertical columns in order (months), the first and last labelled."""
    if not data:
        return ""
    top = max(data.values()) or 1
    height, base = 120, 100
    step = WIDTH / len(data)
    columns = []
    for index, (label, value) in enumerate(data.items()):
        column_height = (base - 10) * value / top
        columns.append(
            Shape(
                label=str(label),
                value=value,
                x=_num(index * step + 1),
                y=_num(base - column_height),
                width=_num(max(step - 2, 1)),
                height=_num(column_height),
            )
        )
    keys = [str(key) for key in data]
    return _render(
        "columns.svg",
        width=WIDTH,
        height=height,
        columns=columns,
        first=keys[0],
        last=keys[-1] if len(keys) > 1 else "",
    )


def percent_bars(bars, title: str) -> str:
    """Survey results: the label above each bar on a grey track, the percentage after it (not for score bars).
    ``bars`` are anything with ``label``, ``percent`` and ``score``."""
    rows = []
    for index, bar in enumerate(bars):
        rows.append(
            Shape(
                label=Truncator(bar.label).chars(40),
                value="" if bar.score else f"{round(bar.percent)}%",
                y=str(index * PERCENT_ROW),
                width=_num(PERCENT_TRACK * max(0.0, min(bar.percent, 100.0)) / 100),
            )
        )
    return _render("percent_bars.svg", title=title, height=len(rows) * PERCENT_ROW, track=PERCENT_TRACK, bars=rows)


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
    top = max([counts.get(u.code, 0) for u in shapes] + [1])
    areas = []
    for u in shapes:
        value = counts.get(u.code, 0)
        shade = PALETTE[min(len(PALETTE) - 1, round((len(PALETTE) - 1) * value / top))]
        path = " ".join(
            "M" + " L".join(f"{(lon - min_lon) * scale:.1f},{(max_lat - lat) * scale:.1f}" for lon, lat in ring) + "Z"
            for ring in _rings(u.boundary)
        )
        areas.append(
            Shape(
                label=str(u),
                value=value,
                code=u.code,
                path=path,
                fill=shade,
                text_x=_num((u.centroid_lon - min_lon) * scale),
                text_y=_num((max_lat - u.centroid_lat) * scale + 4),
                text_fill="#fff" if shade in PALETTE[3:] else "#000",
            )
        )
    return _render("choropleth.svg", width=WIDTH, height=f"{(max_lat - min_lat) * scale:.0f}", areas=areas)
