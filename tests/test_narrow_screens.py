"""Every page a crawl reaches fits a 360 px phone, for a visitor, a resident and a facilitator.

The crawl starts at the home page with Usme's demo data loaded and follows same-site links breadth-first, one URL
per route (the first link found for each URL pattern), so every kind of page is opened once per person. A page is
too wide when the document scrolls sideways: its ``scrollWidth`` exceeds the 360 px viewport. Wide tables that
scroll inside their own box do not count, as on a phone they don't move the page.
"""

from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from innova.accounts.testing import browser_signup_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360
LONG_EMAIL = "marleny.rodriguez.de.la.flora.usme@correo-comunitario-de-usme.example.org"
# Links whose GET changes something, or that leave the pages a person reads (files, feeds, the admin).
SKIPPED = ("/cuenta/logout/", "/admin/", "/media/", "/static/", "/api/", "/idioma/", "cancelar", "baja")
FILE_ENDINGS = (".csv", ".xlsx", ".pdf", ".ics", ".json", ".png", ".jpg", ".svg", ".zip", ".txt", ".xml")
PAGE_BUDGET = 260


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def crawl(page, base_url: str, start: list[str]) -> dict[str, int]:
    """Breadth-first from ``start``: path → document width, for the first URL of each route."""
    widths: dict[str, int] = {}
    seen_routes: set[str] = set()
    queue = deque(start)
    while queue and len(widths) < PAGE_BUDGET:
        path = queue.popleft()
        route = route_of(urlparse(path).path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        try:
            response = page.goto(base_url + path)
        except PlaywrightError:  # a link that downloads a file rather than opening a page
            continue
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            href = urldefrag(href)[0]
            parsed = urlparse(href)
            if parsed.netloc or not href.startswith("/") or href.startswith("//"):
                continue
            if any(part in href for part in SKIPPED) or parsed.path.endswith(FILE_ENDINGS):
                continue
            queue.append(href)
    return widths


@pytest.fixture
def demo(settings):
    settings.INNOVA_STAFF_MFA_REQUIRED = False
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    from innova.accounts.models import User

    resident = User.objects.get(email="vecina@demo.usme.co")
    resident.email = LONG_EMAIL  # the longest address a person might have must not push the page sideways
    resident.save(update_fields=["email"])
    from innova.brainstorms.models import Board

    board = Board.objects.filter(front__isnull=True).order_by("pk").first() or Board.objects.order_by("pk").first()
    extra_starts = [f"/lluvias/{board.pk}/imprimir/", f"/lluvias/{board.pk}/proyector/"]
    return {
        "extra_starts": extra_starts,
        "resident": resident,
        "facilitator": User.objects.get(email="facilitadora@demo.usme.co"),
    }


@pytest.mark.parametrize("who", ["visitor", "resident", "facilitator"])
def test_every_crawled_page_fits_a_360_px_phone(who, demo, browser_context_factory, login_browser, live_server):
    context = browser_context_factory(width=WIDTH, height=740)
    if who != "visitor":
        login_browser(context, demo[who])
    page = context.new_page()
    # Pages linked only in some states (a board's printable results) are added to the home page as starts.
    widths = crawl(page, live_server.url, ["/", *demo["extra_starts"]])
    print(f"\n{who}: {len(widths)} pages crawled at {WIDTH} px")
    assert len(widths) >= 40, f"the crawl reached too few pages: {sorted(widths)}"
    too_wide = {path: width for path, width in widths.items() if width > WIDTH}
    assert not too_wide, f"{len(too_wide)} of {len(widths)} pages are wider than {WIDTH} px: {too_wide}"


def test_sign_up_with_a_long_address_fits_a_phone(page, live_server, screenshot):
    """The pages after sign-up repeat the e-mail address; a long one once pushed them to 372 px."""
    import re

    from django.core import mail

    page.goto(live_server.url + "/cuenta/signup/")
    page.fill("#id_display_name", "Marleny de La Flora")
    page.fill("#id_email", LONG_EMAIL)
    browser_signup_send(page)
    screenshot(page, "verification-sent")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    link = re.search(r"https?://\S+/cuenta/confirm-email/\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    screenshot(page, "confirm-email")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
