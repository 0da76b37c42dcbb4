"""Whole public pages kept for visitors without a session: most of the traffic (links shared on WhatsApp, search
engines) reads the same few pages, and a kept page costs a cache read instead of queries and a template render.

- **Who is served a kept page**: a GET or HEAD without a session cookie and without pending flash messages (the
  ``messages`` cookie), not an htmx request. Everyone else (signed-in people, a visitor half-way through a form) gets
  the page rendered for them, as before.
- **The key** carries the path with its query, the language, and the **version of each domain** the page shows
  (``@page_cached_for_visitors("problems", "comments", …)``, an app label each). A version is an opaque token in
  the cache; ``pages_changed(domain)`` replaces it, so every page that shows that domain is rendered again on its
  next request. Nothing is deleted: old entries are never asked for again and expire (``PAGE_CACHE_SECONDS``).
- **What bumps a version**: every save or deletion of a model of an Innova app bumps its app's version (receivers
  connected in ``CoreConfig.ready``, so the admin and every service are covered). A ``QuerySet.update()`` on a
  counter comes with a row saved or deleted in the same transaction (the support, the comment), so the version moves
  anyway; a service that writes only with ``update()`` or ``bulk_create()`` calls ``pages_changed`` itself (the
  notifications' bell).
  A bump happens at once and again after the transaction commits: at once, so nothing later in the same
  transaction reads an old page; after commit, so a page rendered between the two from the old rows is not kept.
- **The same body for every visitor**: the only per-visitor part of a public page is the CSRF token of its forms
  (the language switch, the log-in-to-support button). The kept body holds a placeholder, and each answer gets the
  visitor's own token (and its cookie) as it leaves. Nothing else personal is on a page rendered for a visitor.
"""

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

VERSION_KEY = "pagecache:version:{}"
CSRF_PLACEHOLDER = "__innova_csrf_token__"
_CSRF_INPUT_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# The header tests and operators read: "hit" (served from the cache), "miss" (rendered and kept) or absent.
CACHE_STATUS_HEADER = "X-Page-Cache"


def csrf_tokens_hidden(html: str) -> str:
    """``html`` with the value of each CSRF input replaced by a placeholder: a copy fit for every reader."""
    return _CSRF_INPUT_VALUE.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", html)


def csrf_token_filled(html: str, token: str) -> str:
    """A copy made by ``csrf_tokens_hidden`` with this reader's ``token`` in its forms."""
    return html.replace(CSRF_PLACEHOLDER, token) if CSRF_PLACEHOLDER in html else html


def pages_changed(*domains: str) -> None:
    """Every kept page showing one of ``domains`` (app labels) is rendered again on its next request."""
    versions_changed(*(VERSION_KEY.format(domain) for domain in domains))


def versions_changed(*keys: str) -> None:
    """New tokens under the version ``keys``: at once, so nothing later in this transaction reads an old copy, and
    again after commit, so a copy rendered from the old rows in between is not kept."""
    _versions_renew(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _versions_renew(keys))


def _versions_renew(keys: Iterable[str]) -> None:
    token = str(time.time_ns())
    renewed = dict.fromkeys(keys, token)
    cache.set_many(renewed, timeout=None)
    known = _request_versions.get()
    if known is not None:  # what this request renders after its own change must not use the versions it read before
        known.update(renewed)
    # This process's visitors see the change at once (other processes within VISITOR_VERSIONS_SECONDS).
    _VisitorVersions.tokens = {**_VisitorVersions.tokens, **renewed}


def domains_version(*domains: str | Callable[[], Iterable[str]]) -> str:
    """The versions of ``domains`` as one token: a key that carries it is renewed whenever ``pages_changed`` renews
    one of them. For the parts of pages that signed-in people get (their pages are not kept whole): fragments,
    counts in the header."""
    return _versions(_domain_labels(domains))


@lru_cache(maxsize=1)
def release_token() -> str:
    """A digest of the code that renders pages (Python, templates, translations, static files): a new release gets
    new keys, so no page or fragment rendered by the old code, or naming the old static files, outlives a deploy.
    Computed once per process from the files' contents (~25 ms), so every app server of a release agrees."""
    digest = hashlib.blake2b(digest_size=8)
    root = Path(settings.BASE_DIR) / "innova"
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _versions(domains: tuple[str, ...]) -> str:
    keys = [VERSION_KEY.format(domain) for domain in domains]
    known = _request_versions.get()
    if known is None:  # outside a request (a task, a shell): read what is asked
        found = _versions_read(keys)
    else:
        # In a request, the first page part that asks reads every domain's version in one round trip; the page's
        # other parts (header count, fragments, comments) then ask nothing of the cache for versions.
        if any(key not in known for key in keys):
            known.update(_versions_read(_with_every_domain(keys)))
        found = known
    return _joined(keys, found)


def _with_every_domain(keys: list[str]) -> list[str]:
    return [*keys, *(VERSION_KEY.format(label) for label in sorted(_all_domains))]


def _joined(keys: list[str], tokens: dict) -> str:
    return ".".join([release_token(), *(str(tokens[key]) for key in keys)])


def _versions_read(keys: list[str]) -> dict:
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # A version evicted or never set gets a new token (never "none"): a page kept under an older absent
        # version must not come back.
        for key in missing:
            cache.add(key, str(time.time_ns()), timeout=None)
        found.update(cache.get_many(missing))
    # Still missing: the cache cannot be reached. A token never used before makes keys nothing is kept under, so
    # the page is rendered afresh (and a copy kept under it is never asked for again).
    return {key: found.get(key) or f"unknown-{time.time_ns()}" for key in keys}


# The versions read during the current request (None outside requests); set and dropped by the request signals.
_request_versions: ContextVar[dict | None] = ContextVar("innova_request_page_versions", default=None)
# Every domain (app label) whose models renew a version: connect_model_signals fills it.
_all_domains: set[str] = set()


def _request_started(**kwargs) -> None:
    _request_versions.set({})


def _request_finished(**kwargs) -> None:
    _request_versions.set(None)


class ProcessCopies:
    """Copies, in this process, of what is kept in the shared cache under versioned keys (whole pages, fragments):
    a hit costs no round trip to Redis nor unpickling. Safe without any invalidation: every key carries the versions
    of what it shows, so what a key holds never changes — a change makes new keys. Bounded in number (the oldest
    quarter goes when full) and in age (``PAGE_CACHE_SECONDS``, as in the shared cache)."""

    def __init__(self, size: int = 512):
        self._size = size
        self._items: dict[str, tuple[float, object]] = {}

    def get(self, key: str):
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def clear(self) -> None:
        self._items = {}

    def put(self, key: str, value, seconds: int) -> None:
        if len(self._items) >= self._size:
            # Dicts keep insertion order: the first keys are the oldest (list() copies them in one step, safe
            # against another thread's put).
            for old in list(self._items)[: self._size // 4]:
                self._items.pop(old, None)
        self._items[key] = (time.monotonic() + seconds, value)


process_copies = ProcessCopies()
# Small values kept per person under versioned keys (the bell's count, a consent, the row of a signed-in user):
# apart, so that many readers do not push the pages and fragments out.
person_copies = ProcessCopies(size=4096)


def kept_get(key: str, copies: ProcessCopies = process_copies):
    """What is kept under a versioned ``key``: this process's copy, else the shared cache's (copied here)."""
    value = copies.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            copies.put(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def kept_set(key: str, value, seconds: int, copies: ProcessCopies = process_copies) -> None:
    cache.set(key, value, timeout=seconds)
    copies.put(key, value, seconds)


def kept_or_made(key: str, make: Callable[[], object], seconds: int, copies: ProcessCopies = process_copies):
    """What is kept under a versioned ``key``, else what ``make()`` returns, kept there ``seconds`` (None is not)."""
    value = kept_get(key, copies)
    if value is None:
        value = make()
        if value is not None:
            kept_set(key, value, seconds, copies)
    return value


def version_token(key: str) -> str:
    """The token stored under a version ``key``; a missing one (evicted, never set) gets a new token, never a
    default: a copy kept under an older absent version must not come back."""
    return str(_versions_read([key])[key])


def _visitor_without_session(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.headers.get("HX-Request")
        and getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0
    )


# How long a process answers visitors with the versions it last read. Visitors change nothing a kept page shows
# (writing needs an account), so none of them misses their own change; another person's change reaches them at most
# this late when it was made on another app server (at once on this one: _versions_renew). It spares a kept page's
# hit its one round trip to Redis. Signed-in readers' fragments always read the versions afresh.
VISITOR_VERSIONS_SECONDS = 1.0


class _VisitorVersions:
    read_at = float("-inf")
    tokens: dict[str, str] = {}  # noqa: RUF012 - replaced whole, never mutated


def _now() -> float:
    return time.monotonic()


def _visitor_versions(domains: tuple[str, ...]) -> str:
    keys = [VERSION_KEY.format(domain) for domain in domains]
    tokens = _VisitorVersions.tokens
    if _now() - _VisitorVersions.read_at > VISITOR_VERSIONS_SECONDS or any(key not in tokens for key in keys):
        tokens = _versions_read(_with_every_domain(keys))
        _VisitorVersions.tokens, _VisitorVersions.read_at = tokens, _now()
    return _joined(keys, tokens)


def process_state_forget() -> None:
    """Drop this process's copies and remembered versions: for tests, which empty the shared cache between them."""
    process_copies.clear()
    person_copies.clear()
    _VisitorVersions.tokens, _VisitorVersions.read_at = {}, float("-inf")


def _page_key(request, domains: tuple[str, ...]) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    # Hashed: a query string can be long (and hostile), a page can follow many domains; the key stays short.
    page = f"{_visitor_versions(domains)}:{request.get_full_path()}".encode()
    return f"pagecache:page:{language}:{hashlib.blake2b(page, digest_size=16).hexdigest()}"


def _keepable(request, response) -> bool:
    """Only a plain 200 page that wrote nothing about this visitor (no session, no cookie but CSRF's)."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not (session is not None and session.modified)
        and not (set(response.cookies) - {settings.CSRF_COOKIE_NAME})
        and "private" not in response.get("Cache-Control", "")
    )


def _kept_answer(request, content: str, content_type: str) -> HttpResponse:
    if CSRF_PLACEHOLDER in content:
        content = csrf_token_filled(content, get_token(request))
    response = HttpResponse(content, content_type=content_type)
    response[CACHE_STATUS_HEADER] = "hit"
    # The page differs for signed-in people: no shared cache may give this one to them.
    patch_vary_headers(response, ["Cookie"])
    return response


def page_cached_for_visitors(*domains: str | Callable[[], Iterable[str]]) -> Callable:
    """View decorator: keep the whole page for visitors without a session, under the versions of ``domains`` (app
    labels, or functions returning app labels, asked on each request: a registry other apps add to)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _visitor_without_session(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, _domain_labels(domains))
            kept = kept_get(key)
            if kept is not None:
                return _kept_answer(request, *kept)
            response = view(request, *args, **kwargs)
            if not _keepable(request, response):
                return response
            content = csrf_tokens_hidden(response.content.decode(response.charset))
            kept_set(key, (content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
            response[CACHE_STATUS_HEADER] = "miss"
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapped

    return decorator


def _domain_labels(domains) -> tuple[str, ...]:
    labels: list[str] = []
    for domain in domains:
        labels.extend([domain] if isinstance(domain, str) else domain())
    return tuple(dict.fromkeys(labels))


def _model_changed(sender, instance=None, update_fields=None, **kwargs) -> None:
    # A log-in writes the user's last_login: no page shows it.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    pages_changed(sender._meta.app_label)


def connect_model_signals(app_configs) -> None:
    """Every model of these apps bumps its app's version when saved, deleted or its many-to-many links change."""
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed, post_delete, post_save

    request_started.connect(_request_started, dispatch_uid="pagecache-request-started")
    request_finished.connect(_request_finished, dispatch_uid="pagecache-request-finished")
    for app_config in app_configs:
        _all_domains.add(app_config.label)
        for model in app_config.get_models():
            post_save.connect(_model_changed, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
            post_delete.connect(_model_changed, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(
                    lambda sender, model=model, **kw: pages_changed(model._meta.app_label),
                    sender=through,
                    dispatch_uid=f"pagecache-m2m-{through._meta.label}",
                    weak=False,
                )
