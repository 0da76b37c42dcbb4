import functools
import threading

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h2", "h3", "h4"}


@register.filter
def html_lang(language_code: str) -> str:
    """'es-co' -> 'es-CO' (BCP 47 casing for the <html lang> attribute)."""
    if not language_code:
        return "es-CO"
    parts = language_code.split("-")
    return "-".join([parts[0].lower(), *[p.upper() for p in parts[1:]]])


_converters = threading.local()


def _markdown_converter() -> markdown_lib.Markdown:
    """One Markdown converter per thread: building one registers dozens of processors, too slow per comment."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(extensions=["sane_lists"])
    return converter


@functools.lru_cache(maxsize=2048)
def render_markdown(text: str) -> str:
    """Markdown to HTML, then sanitised: scripts, event handlers and javascript: links never survive.

    A pure function of the text, so remembered: a busy page renders the same comments for every reader.
    """
    html = _markdown_converter().reset().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 above  # nosec B308 B703
