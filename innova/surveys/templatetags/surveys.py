"""Server-rendered SVG charts (no JavaScript library): light for phones, printable, and cached with the results."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()

ROW = 40
BAR_WIDTH = 240


@register.simple_tag
def bars_svg(bars, title: str) -> str:
    """A horizontal bar chart: label above each bar, percentage after it (not for score bars)."""
    parts = [
        f'<svg class="chart" viewBox="0 0 300 {len(bars) * ROW}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, bar in enumerate(bars):
        width = round(BAR_WIDTH * max(0.0, min(bar.percent, 100.0)) / 100, 1)
        label = escape(Truncator(bar.label).chars(40))
        parts.append(
            f'<g transform="translate(0 {index * ROW})">'
            f'<text x="0" y="13" font-size="13" fill="#1b1f23">{label}</text>'
            f'<rect x="0" y="18" width="{BAR_WIDTH}" height="14" rx="3" fill="#e3e7eb"/>'
            f'<rect x="0" y="18" width="{width}" height="14" rx="3" fill="#0b5d4b"/>'
        )
        if not bar.score:
            parts.append(f'<text x="246" y="30" font-size="13" fill="#1b1f23">{round(bar.percent)}%</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - every interpolated text is escaped above
