"""Helpers shared by the tests of every app: baseline data, browser log-in, concurrency (people in each role:
``innova.accounts.testing.make_user``).

Tests build their data through the real services where a service exists (as Zulip does), so a test
exercises the same path a person does.
"""

import asyncio
import io
import re
import threading
from importlib import import_module
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from innova.core import baseline

TEST_PASSWORD = "clave-de-prueba-Usme-2026"  # noqa: S105 - test fixture  # nosec B105


def page_text(html: str) -> str:
    """What a reader sees of a page: tags dropped, white space collapsed (for assertions on wording)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def baseline_data_ensure() -> None:
    """Data the migrations load (UPZs, policy versions, themes); transactional tests flush it, so put it back.
    Each app registers its loader with ``core.baseline``."""
    baseline.ensure()


def browser_login(context, live_server_url: str, user) -> None:
    """Log ``user`` into a Playwright browser context by giving it a real session cookie."""
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    host = urlparse(live_server_url).hostname
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "domain": host, "path": "/"}]
    )


def jpeg_with_gps(name="foto.jpg", size=(1200, 900)):
    """A real JPEG carrying EXIF with a GPS position, as phones produce."""
    image = Image.new("RGB", size, (120, 160, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (4.0, 31.0, 12.0), 3: "W", 4: (74.0, 7.0, 30.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def run_concurrently(action, people) -> list[Exception]:
    """Run ``action(person)`` in one thread per person, all released at once; returns the errors raised.

    Each thread closes its database connection; used by the "50 concurrent supports count 50" tests.
    """
    barrier = threading.Barrier(len(people))
    errors: list[Exception] = []

    def run(person):
        try:
            barrier.wait()
            action(person)
        except Exception as exc:  # noqa: BLE001 - collected for the test to assert on
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def run_async_isolated(scenario) -> None:
    """Run the coroutine function ``scenario`` in its own thread and event loop, re-raising its error here.

    The browser fixtures (Playwright's sync API) keep an event loop attached to the test thread for the whole
    session, where ``async_to_sync`` refuses to run; a WebSocket test must not depend on the order tests run in.
    """
    errors = []

    def target():
        try:
            asyncio.run(scenario())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


MATRIX_ROLES = ("anonymous", "citizen", "unverified_official", "official", "facilitator", "administrator")
# (role fixture, allowed) for actions of officials and the lab's staff (``is_official_or_staff``): one list for
# ``@pytest.mark.parametrize("role,allowed", OFFICIAL_OR_STAFF_ALLOWED)`` instead of a copy per app.
OFFICIAL_OR_STAFF_ALLOWED = [
    ("citizen", False),
    ("unverified_official", False),
    ("contractor", False),
    ("official", True),
    ("facilitator", True),
    ("administrator", True),
]
