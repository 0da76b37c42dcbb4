"""Small per-person rate limits for writes people can repeat quickly (comments, flags, reports, supports).

A counter in ``django.core.cache`` per (action, user) and fixed window: with Redis it is shared by every worker;
with the embedded local-memory cache it is per process, which is enough for one small server. Limits are read
from settings (``INNOVA_RATE_LIMITS``) so operators can loosen them for a workshop with many people on one phone.

Views call ``rate_limit_hit(request, "comment")`` before the service; when it returns a response (429 for htmx
or JSON requests, otherwise a redirect back with a Spanish message) the view returns it unchanged.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    # action: (allowed events, window in seconds)
    "comment": (30, 10 * 60),
    "flag": (30, 10 * 60),
    "report": (20, 60 * 60),
    "support": (120, 10 * 60),
    "event_register": (30, 60 * 60),  # agenda: guest registrations per IP (bots must not fill the seats)
    "idea": (5, 10 * 60),  # the open idea box takes anonymous ideas: a handful per person (or address) at a time
}


@dataclass(frozen=True)
class Limit:
    count: int
    window: int


def limit_for(action: str) -> Limit:
    count, window = {**DEFAULT_LIMITS, **getattr(settings, "INNOVA_RATE_LIMITS", {})}[action]
    return Limit(count=count, window=window)


def rate_limit_exceeded(*, action: str, key: str) -> bool:
    """Count one event for ``key``; True when it goes over the limit of ``action`` in the current window."""
    limit = limit_for(action)
    window_start = int(time.time()) // limit.window
    cache_key = f"ratelimit:{action}:{key}:{window_start}"
    # add() is atomic on every backend: only the first event of a window creates the counter.
    if cache.add(cache_key, 1, timeout=limit.window + 5):
        return limit.count < 1
    try:
        current = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=limit.window + 5)
        current = 1
    return current > limit.count


def rate_limit_message() -> str:
    return _("You have done this many times in a short while. Wait a few minutes and try again.")


def rate_limit_hit(request, action: str, *, fallback_url: str = "/"):
    """None when the request may go on; otherwise the response that refuses it."""
    user = request.user
    key = f"user:{user.pk}" if user.is_authenticated else f"ip:{request.META.get('REMOTE_ADDR', '')}"
    if not rate_limit_exceeded(action=action, key=key):
        return None
    retry_after = str(limit_for(action).window)
    wants_json = "application/json" in request.headers.get("Accept", "")
    if getattr(request, "htmx", False) or wants_json:
        response = (
            JsonResponse({"detail": rate_limit_message()}, status=429)
            if wants_json
            else HttpResponse(rate_limit_message(), status=429, content_type="text/plain; charset=utf-8")
        )
        response["Retry-After"] = retry_after
        return response
    messages.error(request, rate_limit_message())
    back = request.POST.get("next") or request.headers.get("Referer", "")
    if not (back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})):
        back = fallback_url
    return redirect(back)
