"""Survey results drawn by the one chart engine (``innova.core.charts``): light for phones, printable, cached."""

from django import template

from innova.core import charts

register = template.Library()


@register.simple_tag
def bars_svg(bars, title: str) -> str:
    """A horizontal bar chart: label above each bar, percentage after it (not for score bars)."""
    return charts.percent_bars(bars, title)
