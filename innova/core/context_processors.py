from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


def site(request):
    current = request.path
    sections = []
    for url_name, label in SECTIONS:
        url = reverse(url_name)
        sections.append({"url": url, "label": label, "active": current.startswith(url)})
    return {"site_sections": sections, "SITE_URL": settings.SITE_URL}
