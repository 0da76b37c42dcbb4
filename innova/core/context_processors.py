from functools import partial

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .pagecache import release_token

# The sections of the site, in the order the header shows them.
SECTIONS = [
    ("problems:index", _("Problems")),
    ("fronts:index", _("Work fronts")),
    ("brainstorms:index", _("Brainstorms")),
    ("proposals:index", _("Proposals")),
    ("ideas:index", _("Ideas")),
    ("debates:index", _("Debates")),
    ("surveys:index", _("Surveys")),
    ("agenda:index", _("Agenda")),
    ("courses:index", _("Courses")),
    ("opendata:index", _("Open data")),
]


# (url, label) of each section, built once per language and script prefix: reverse() and gettext on every request
# were a good part of a signed-in page's frame.
_resolved: dict[tuple[str | None, str], list[tuple[str, str]]] = {}


def site(request):
    key = (get_language(), get_script_prefix())
    resolved = _resolved.get(key)
    if resolved is None:
        resolved = _resolved[key] = [(reverse(url_name), str(label)) for url_name, label in SECTIONS]
    active = tuple(url for url, _label in resolved if request.path.startswith(url))
    sections = [{"url": url, "label": label, "active": url in active} for url, label in resolved]
    # The frame's fragments (base.html: links, header, sections, footer) change only with a release: kept under the
    # release's digest, with what else each shows in their keys (the language, the section, the reader's name…).
    return {
        "site_sections": sections,
        "site_sections_active": "|".join(active),
        "site_header_vary": partial(_header_vary, request),  # a callable: computed only if a template asks
        "SITE_URL": settings.SITE_URL,
        "frame_version": release_token(),
    }


def _header_vary(request) -> str:
    """What the header shows besides the frame: on the search page the search box is not repeated; a signed-in
    reader's name (their bell count goes in the key apart); a visitor's log-in link returns to this page."""
    match = request.resolver_match
    on_search = bool(match and match.url_name == "search")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"{on_search}|signed-in|{user.public_name}"
    return f"{on_search}|visitor|{request.get_full_path()}"
