from functools import lru_cache

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .ratelimit import RateLimited

# Everything a page needs is served by the app itself: no third-party origin is allowed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Apps that show images from another origin register ``fn() -> origin or ""`` in ``AppConfig.ready()``
# (territory: the operator's map tiles, ``MAP_TILES``); asked on every response, so a changed setting counts.
_img_origin_sources: list = []


def img_origin_register(fn) -> None:
    if fn not in _img_origin_sources:
        _img_origin_sources.append(fn)


def _img_origins() -> str:
    return " ".join(origin for origin in (fn() for fn in _img_origin_sources) if origin)


@lru_cache(maxsize=4)
def content_security_policy(extra_img_origin: str = "") -> str:
    """The policy, with the origin of the operator's map tiles (``MAP_TILES``) allowed for images."""
    if not extra_img_origin:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data: blob:", f"img-src 'self' data: blob: {extra_img_origin}"
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(settings, "CSP_DISABLED", False):
            policy = content_security_policy(_img_origins())
            response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(self), microphone=()")
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Spanish for everyone; another language only once the person picks it with the switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, so a Colombian phone set to English showed
    English menus around Spanish content. Here only the cookie written by ``set_language`` counts.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = settings.LANGUAGE_CODE
        if chosen:
            try:
                language = translation.get_supported_language_variant(chosen)
            except LookupError:
                pass
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # No "Vary: Accept-Language": the page does not depend on it, so caches may share it.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class RequestLimitsMiddleware:
    """Oversized or malformed request bodies get a Spanish 413 / 400 page, whatever DEBUG says.

    Django raises ``RequestDataTooBig`` / ``TooManyFieldsSent`` the first time something reads ``request.POST``;
    the CSRF middleware reads it, so this middleware sits right after the language one and before CSRF, and reads
    the form first. Limits are Django's: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (files in a multipart upload do not count)
    and ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` / ``DATA_UPLOAD_MAX_NUMBER_FILES``. Views exempt from CSRF (signed
    webhooks, the API) read their own body, so for them only the declared length is checked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            if request.method == "POST" and not getattr(view_func, "csrf_exempt", False):
                request.POST  # noqa: B018 - parse here, where the limits can be answered politely
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            if limit and not request.content_type.startswith("multipart/") and _declared_length(request) > limit:
                raise RequestDataTooBig  # a JSON or raw body Django would refuse later, in the view
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
            request._mark_post_parse_error()
            too_large = _("What you sent is too large. Send fewer or smaller files and try again.")
            return _error_response(request, 413, "413.html", too_large)
        except MultiPartParserError:
            request._mark_post_parse_error()
            return _error_response(request, 400, "400.html", _("We could not understand what you sent."))
        return None


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _error_response(request, status: int, template: str, message: str):
    """An API client gets JSON (``{"detail": …}``, as DRF answers), a browser the site's page."""
    if request.path.startswith("/api/") or not request.accepts("text/html"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, template, status=status)


class RateLimitMiddleware:
    """A service refused with ``RateLimited`` (core/ratelimit.py): answer 429 with ``Retry-After`` in Spanish.

    htmx gets the message as plain text (the page shows it), JSON clients ``{"detail": …}``, everyone else the
    ``429.html`` page with a link back to where they were.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        message = exception.message
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"detail": message}, status=429)
        elif getattr(request, "htmx", False):
            response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        else:
            back = request.headers.get("Referer", "")
            if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                back = ""
            response = render(request, "429.html", {"message": message, "back": back}, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response
