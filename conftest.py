"""Fixtures for the whole suite: people in each role, baseline data, and a real browser.

The browser is Debian's Chromium (/usr/bin/chromium) driven by Playwright; every page it opens is
checked for requests to any host other than the app's own (the platform serves all its assets).
"""

import os
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def pytest_runtest_setup(item):
    """A test marked ``@pytest.mark.postgres`` (concurrency, PostgreSQL-only features) is skipped on SQLite, before
    its fixtures are built; ``@pytest.mark.postgres(reason=…)`` says why when the marker's description does not."""
    marker = item.get_closest_marker("postgres")
    if marker is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(marker.kwargs.get("reason", "needs PostgreSQL"))


@pytest.fixture(autouse=True)
def _baseline_data(request):
    """Tests that touch the database see the UPZs and the policy, even after a transactional flush."""
    uses_db = request.node.get_closest_marker("django_db") or _DB_FIXTURES & set(request.fixturenames)
    if not uses_db:
        yield
        return
    transactional = bool({"transactional_db", "live_server"} & set(request.fixturenames)) or (
        request.node.get_closest_marker("django_db") is not None
        and request.node.get_closest_marker("django_db").kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from innova.core.testing import baseline_data_ensure

    baseline_data_ensure()
    yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    # Hashing passwords the production way costs ~0.2 s per user; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate limits and caches must not leak from one test to the next.
    from django.core.cache import cache

    from innova.core.pagecache import process_state_forget

    cache.clear()
    process_state_forget()
    # Rate-limit windows are fixed (aligned to the clock): a test run across a window's end would see its counter
    # reset and its wait shrink to "1 minuto". Their clock stands at the start of a day (so of every window).
    from innova.core import ratelimit

    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 20_000 * 86_400.0))


@pytest.fixture(autouse=True)
def _in_memory_channel_layer(settings):
    """Live tests use the in-memory channel layer, fresh for each test, whatever REDIS_URL says: a Redis layer is
    bound to the event loop that first received on it, and every async test runs its own loop. The Redis layer is
    exercised by the benchmarks (bench/brainstorm_ws.py), against a real server, with one loop per process."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def make_user(db):
    from innova.accounts.testing import make_user as _make_user

    return _make_user


@pytest.fixture
def citizen(make_user):
    return make_user("citizen")


@pytest.fixture
def official(make_user):
    return make_user("official", entity="Alcaldía Local de Usme", position="Profesional")


@pytest.fixture
def contractor(make_user):
    return make_user("contractor", entity="Alcaldía Local de Usme", position="Contratista")


@pytest.fixture
def facilitator(make_user):
    return make_user("facilitator")


@pytest.fixture
def administrator(make_user):
    return make_user("administrator")


@pytest.fixture
def unverified_official(make_user):
    """Claimed to be an official; no administrator has verified it."""
    from innova.accounts.services import role_claim_submit

    user = make_user("citizen")
    role_claim_submit(user=user, role="official", entity="Alcaldía Local de Usme", position="Profesional")
    return user


@pytest.fixture
def make_problem(db, make_user):
    """make_problem(title=…, author=…, **fields): a published problem through the real service."""
    from innova.core.ratelimit import rate_limits_suspended
    from innova.problems import services
    from innova.problems.models import Theme
    from innova.territory.models import Upz

    def make(
        title="Huecos en la vía principal de Yomasa",
        description="La vía tiene huecos muy grandes.",
        author=None,
        **extra,
    ):
        extra.setdefault("theme", Theme.objects.get(slug="movilidad"))
        extra.setdefault("upz", Upz.objects.get(code="57"))
        with rate_limits_suspended():  # test data, not a person flooding (tests make dozens per author)
            return services.problem_report(
                author=author or make_user("citizen"), title=title, description=description, **extra
            )

    return make


@pytest.fixture
def list_queries_constant(client):
    """``list_queries_constant(url, add_rows, user=…, params=…)``: a list page costs the same number of queries with
    3 rows as with 60 (not just under a cap: one query per row would show). ``add_rows(n)`` creates n more rows;
    the page is read once before counting (session, caches), then counted with 3 rows and with 60."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innova.core.pagecache import process_state_forget

    def counted(url, params):
        cache.clear()  # what a page caches must not make the second count cheaper
        process_state_forget()  # nor this process's copies of kept pages
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, params or {})
        assert response.status_code == 200, (url, response.status_code)
        return [q["sql"] for q in context.captured_queries]

    def check(url, add_rows, *, user=None, params=None, few=3, many=60):
        if user is not None:
            client.force_login(user)
        add_rows(few)
        counted(url, params)
        with_few = counted(url, params)
        add_rows(many - few)
        with_many = counted(url, params)
        extra = "\n".join(with_many[len(with_few) :]) if len(with_many) > len(with_few) else ""
        assert len(with_many) == len(with_few), (
            f"{url}: {len(with_few)} queries with {few} rows, {len(with_many)} with {many}:\n{extra}"
        )
        return len(with_few)

    return check


# --- Shared by several apps' tests (one copy here, not one per app) ---------------------------------------------


@pytest.fixture
def theme(db):
    from innova.problems.models import Theme

    return Theme.objects.get(slug="movilidad")


@pytest.fixture
def upz(db):
    from innova.territory.models import Upz

    return Upz.objects.get(code="57")


@pytest.fixture
def make_proposal(db, make_user):
    """make_proposal(title=…, author=…, publish=True, **fields): a proposal through the real services."""
    from innova.proposals import services

    def make(
        title="Senderos iluminados al parque Santa Librada",
        summary="Iluminar los senderos del parque con luminarias solares.",
        solution="Instalar 20 luminarias solares y cuidar los senderos con la junta de acción comunal.",
        author=None,
        publish=True,
        **extra,
    ):
        author = author or make_user("citizen")
        proposal = services.proposal_create(author=author, title=title, summary=summary, solution=solution, **extra)
        if publish:
            proposal = services.proposal_publish(user=author, proposal=proposal)
        return proposal

    return make


@pytest.fixture
def api():
    """A REST framework test client (the public API)."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def make_front(db, make_user):
    """make_front(creator=…, **fields): a front through the real service (its creator coordinates it)."""
    from innova.fronts import services
    from innova.problems.models import Theme
    from innova.territory.models import Upz

    def make(*, creator=None, name="Frente de movilidad de Usme", join_policy="open", **extra):
        extra.setdefault("theme", Theme.objects.get(slug="movilidad"))
        extra.setdefault("description", "Vías, rutas y paraderos de la localidad.")
        extra.setdefault("upzs", [Upz.objects.get(code="57")])
        return services.front_create(
            creator=creator or make_user("facilitator"), name=name, join_policy=join_policy, **extra
        )

    return make


@pytest.fixture
def make_event(db, make_user):
    """make_event(**fields): an agenda event created through the real service by a facilitator."""
    from innova.agenda.testing import make_event as _make_event

    def make(organiser=None, questions=(), **extra):
        return _make_event(organiser=organiser or make_user("facilitator"), questions=questions, **extra)

    return make


# --- Real browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class ForeignRequestGuard:
    """Aborts and records every request to a host other than the live server's."""

    def __init__(self, allowed_host: str):
        self.allowed_host = allowed_host
        self.foreign: list[str] = []

    def __call__(self, route):
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob") or parsed.hostname in (self.allowed_host, "localhost", "127.0.0.1"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


@pytest.fixture
def browser_context_factory(browser, live_server, request):
    """New browser contexts (several per test for live features), each guarded against foreign requests."""
    contexts = []
    guards = []

    def factory(*, width: int = 360, height: int = 800, locale: str = "es-CO", **kwargs):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale=locale,
            timezone_id="America/Bogota",
            base_url=live_server.url,
            **kwargs,
        )
        context.set_default_timeout(10_000)
        guard = ForeignRequestGuard(urlparse(live_server.url).hostname)
        context.route("**/*", guard)
        contexts.append(context)
        guards.append(guard)
        return context

    yield factory
    for context in contexts:
        context.close()
    foreign = [url for guard in guards for url in guard.foreign]
    assert not foreign, f"Pages requested third-party hosts: {foreign}"


@pytest.fixture
def page(browser_context_factory):
    return browser_context_factory().new_page()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "name") saves test-artifacts/<test>/<nn>-<name>.png and returns the path."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    def take(target_page, name: str, *, full_page: bool = True) -> Path:
        counter["n"] += 1
        path = folder / f"{counter['n']:02d}-{name}.png"
        target_page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def login_browser(live_server):
    """login_browser(context, user): a real session for ``user`` in that browser context."""
    from innova.core.testing import browser_login

    def login(context, user):
        browser_login(context, live_server.url, user)

    return login


@pytest.fixture
def logged_in_page(browser_context_factory, login_browser):
    """logged_in_page(user, **context_options): a page in a browser context of its own where ``user`` is logged in
    (each person of a journey gets one, as on their own phone)."""

    def open_page(user, **context_options):
        context = browser_context_factory(**context_options)
        login_browser(context, user)
        return context.new_page()

    return open_page
