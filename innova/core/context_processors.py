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
    current = request.path
    key = (get_language(), get_script_prefix())
    resolved = _resolved.get(key)
    if resolved is None:
        resolved = _resolved[key] = [(reverse(url_name), str(label)) for url_name, label in SECTIONS]
    sections = [{"url": url, "label": label, "active": current.startswith(url)} for url, label in resolved]
    # The frame's fragments (base.html: links, sections, footer) change only with a release (and with the language
    # and path, in their keys): kept under the release's digest.
    return {"site_sections": sections, "SITE_URL": settings.SITE_URL, "frame_version": release_token()}
