"""The anonymous participant's browser key: one cookie recipe for opinion maps and surveys."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

from innova.core.browser_identity import BrowserIdentity

IDENTITY = BrowserIdentity(cookie="innova_test", salt="innova.test")


def _request(rf, *, secure: bool = False, cookies: dict | None = None, user=None):
    request = rf.get("/", secure=secure)
    request.user = user or AnonymousUser()
    request.COOKIES.update(cookies or {})
    return request


def test_a_new_key_is_written_signed_http_only_and_secure_over_https(rf):
    request = _request(rf, secure=True)
    key = IDENTITY.key(request, create=True)
    assert key and IDENTITY.key(request) == key  # the same key for the rest of this request
    cookie = IDENTITY.remember(request, HttpResponse()).cookies["innova_test"]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax" and cookie["max-age"] == 365 * 86400
    assert key in cookie.value and cookie.value != key  # signed
    back = _request(rf, cookies={"innova_test": cookie.value})
    assert IDENTITY.key(back) == key
    assert "innova_test" not in IDENTITY.remember(back, HttpResponse()).cookies  # nothing new to write


def test_plain_http_gets_no_secure_flag_and_reading_alone_creates_nothing(rf):
    request = _request(rf)
    assert IDENTITY.key(request) is None
    assert "innova_test" not in IDENTITY.remember(request, HttpResponse()).cookies
    IDENTITY.key(request, create=True)
    assert not IDENTITY.remember(request, HttpResponse()).cookies["innova_test"]["secure"]


def test_a_forged_cookie_or_a_signed_in_person_has_no_browser_key(rf, citizen):
    assert IDENTITY.key(_request(rf, cookies={"innova_test": "someone-elses-key"})) is None
    assert IDENTITY.key(_request(rf, user=citizen), create=True) is None
