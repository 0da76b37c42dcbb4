"""Per-person rate limits for writes people can repeat quickly (comments, flags, reports, supports…).

One limit per action, whatever the channel: the **services** call ``rate_limit_user("comment", user)`` (or
``rate_limit("idea", key)`` for people without an account, keyed by address or browser), so the web, the API,
SMS and WhatsApp share one counter. Going over raises ``RateLimited``; it becomes

- a Spanish 429 page with ``Retry-After`` (``RateLimitMiddleware``), plain text for htmx, JSON for JSON clients;
- a 429 JSON ``{"detail": …}`` with ``Retry-After`` in the API (``opendata.api.api_exception_handler``);
- a Spanish text message in SMS/WhatsApp (``intake.services``).

A view may catch it first to keep what the person typed (the report form, the idea box).

Counters live in ``django.core.cache``, one per (action, key) and fixed window: with Redis they are shared by every
worker; with the embedded local-memory cache they are per process, enough for one small server; with Redis down
they fail open (``core/resilience.py``). Limits are read from settings (``INNOVA_RATE_LIMITS``) so operators can
loosen them for a workshop with many people on one phone. Lab staff (facilitators, administrators) are exempt:
they enter what residents bring to attention points and workshops, and every staff action is audited.
``rate_limits_suspended()`` lifts every limit for the block it wraps: demo and test data, and a staff decision
that writes in someone else's name (an idea of the box becoming a problem).
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from .predicates import is_staff_member

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    # action: (allowed events, window in seconds)
    "comment": (30, 10 * 60),  # comments and replies, and statements proposed to an opinion map
    "flag": (30, 10 * 60),  # content reported to the moderators
    "report": (20, 60 * 60),  # problems reported (web, API, SMS, WhatsApp)
    "support": (120, 10 * 60),  # supports given or withdrawn (problems, proposals)
    "event_register": (30, 60 * 60),  # agenda: guest registrations per IP (bots must not fill the seats)
    "idea": (5, 10 * 60),  # the open idea box takes anonymous ideas: a handful per person (or address) at a time
}

_suspended: ContextVar[bool] = ContextVar("innova_rate_limits_suspended", default=False)


@dataclass(frozen=True)
class Limit:
    count: int
    window: int


class RateLimited(Exception):  # noqa: N818 - reads as what happened: "rate limited"
    """Too many ``action`` in the current window; ``retry_after`` seconds until the window ends."""

    def __init__(self, action: str, retry_after: int):
        self.action = action
        self.retry_after = max(1, int(retry_after))
        super().__init__(f"{action}: retry after {self.retry_after} s")

    @property
    def retry_minutes(self) -> int:
        """Minutes to wait, rounded up: never tell someone to come back too early."""
        return -(-self.retry_after // 60)

    @property
    def message(self) -> str:
        return ngettext(
            "You have done this many times in a short while. Wait %(minutes)d minute and try again.",
            "You have done this many times in a short while. Wait %(minutes)d minutes and try again.",
            self.retry_minutes,
        ) % {"minutes": self.retry_minutes}


def limit_for(action: str) -> Limit:
    count, window = {**DEFAULT_LIMITS, **getattr(settings, "INNOVA_RATE_LIMITS", {})}[action]
    return Limit(count=count, window=window)


def rate_limit(action: str, key: str) -> None:
    """Count one ``action`` for ``key``; raise ``RateLimited`` when it goes over the limit in the current window."""
    if _suspended.get():
        return
    limit = limit_for(action)
    now = int(time.time())
    cache_key = f"ratelimit:{action}:{key}:{now // limit.window}"
    # add() is atomic on every backend: only the first event of a window creates the counter.
    if cache.add(cache_key, 1, timeout=limit.window + 5):
        current = 1
    else:
        try:
            current = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.add(cache_key, 1, timeout=limit.window + 5)
            current = 1
    if current > limit.count:
        raise RateLimited(action, limit.window - now % limit.window)


def rate_limit_user(action: str, user) -> None:
    """``rate_limit`` for a person with an account; lab staff are exempt. Call it after the permission check."""

    if user is None or not user.is_authenticated or is_staff_member(user):
        return
    rate_limit(action, f"user:{user.pk}")


@contextmanager
def rate_limits_suspended() -> Iterator[None]:
    """No limit inside the block: demo or test data, or staff acting in someone's name, is not a person flooding."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)
