import sys

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from . import services
from .forms import ContactForm
from .pagecache import page_cached_for_visitors
from .resilience import is_dependency_outage
from .service_results import service_with_message


@page_cached_for_visitors()
def home(request):
    return render(request, "core/home.html")


# The data-policy page shows the current policy version, which accounts stores: accounts (above core) registers
# ``fn() -> PolicyVersion | None`` in its ``AppConfig.ready()``.
_policy_current: list = []


def policy_source_register(fn) -> None:
    _policy_current[:] = [fn]


@page_cached_for_visitors("accounts")
def data_policy(request):
    policy = _policy_current[0]() if _policy_current else None
    return render(request, "core/pages/policy.html", {"policy": policy})


@page_cached_for_visitors()
def terms(request):
    return render(request, "core/pages/terms.html")


@page_cached_for_visitors()
def accessibility(request):
    return render(request, "core/pages/accessibility.html")


def contact(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "accept_policy"}
        services.contact_message_send(**data)
        messages.success(request, _("Thank you. Your message reached the lab; we will answer by e-mail."))
        return redirect("core:contact")
    return render(request, "core/pages/contact.html", {"form": form})


@never_cache
@require_GET
def healthz(request):
    checks: dict[str, str] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
        healthy = False
    if settings.REDIS_URL:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["redis"] = f"error: {exc.__class__.__name__}"
            healthy = False
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def hello(request):
    """The benchmarks' ceiling: a page that does nothing, behind every middleware (routed only with
    ``INNOVA_BENCH_ROUTES``)."""
    return HttpResponse("hello")


def media(request, path):
    """Uploaded files in the embedded set-up; in production the proxy serves /media/ itself."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: an expired or missing form token, explained in Spanish (also under DEBUG)."""
    return render(request, "403_csrf.html", status=403)


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)


def server_error(request):
    """The last resort. Rendered without context processors, which could fail again.

    Django calls it while the exception is being handled, so ``sys.exc_info()`` tells an outage of the database or
    Redis (a 503: temporary, retry shortly; nothing was half-written because every write is one transaction) from
    a bug (a 500).
    """
    if is_dependency_outage(sys.exc_info()[1]):
        response = _plain_response(loader.get_template("503.html").render({"request": request}), 503)
        response["Retry-After"] = "30"
        return response
    return _plain_response(loader.get_template("500.html").render({"request": request}), 500)


def _plain_response(content, status):
    return HttpResponse(content, status=status)


# --- Installable, offline-capable web app ---------------------------------------------------------------------


def manifest(request):
    context = {
        "description": _("Report and follow the problems of Usme, and solve them together."),
        "icon192": static("core/img/icon-192.png"),
        "icon512": static("core/img/icon-512.png"),
        "icon_svg": static("core/img/icon.svg"),
    }
    return render(request, "core/manifest.webmanifest", context, content_type="application/manifest+json")


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (PDFs, JSON, the API docs): send them to the
    lab's icon, served (with its version) by whitenoise like every other asset."""
    return redirect(static("core/img/favicon.ico"))


def service_worker(request):
    """Served from the root so that it controls every page (a static file's scope would be /static/)."""
    context = {
        "version": "2",
        "css": static("core/css/innova.css"),
        "offline_js": static("core/offline.js"),
        "htmx": static("django_htmx/htmx-2.min.js"),
        "icon": static("core/img/icon.svg"),
    }
    response = render(request, "core/sw.js", context, content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response


def support_toggle(request, target, *, toggle, partial: str, name: str):
    """The body of a "support" POST view for any supportable object (problems, proposals…).

    ``toggle(user=…, target=…, supported=…)`` is the app's service; with htmx the app's ``partial`` template comes
    back with the new count (the object under ``name``), otherwise a redirect to the object with a message.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(target.get_absolute_url())
    supported = request.POST.get("supported") == "1"
    toggle(user=request.user, target=target, supported=supported)
    if request.htmx:
        target.refresh_from_db()
        return render(request, partial, {name: target, "supported": supported})
    messages.success(request, _("Thank you, your support counts.") if supported else _("Your support was withdrawn."))
    return redirect(target)


# The staff pages of what awaits an official answer: each list a page at a time, under its own Spanish parameter.
PENDING_PAGE_PARAMS = {"overdue": "vencidos", "awaiting": "en_plazo"}
PENDING_PER_PAGE = 50


def pending_answer_pages(request, lists: dict) -> dict:
    """``{"overdue": queryset, "awaiting": queryset}`` → a Page of each, most urgent first, plus the parameter that
    pages it (paging one list keeps the other on its page)."""
    pages = {}
    for name, queryset in lists.items():
        param = PENDING_PAGE_PARAMS[name]
        page = Paginator(queryset, PENDING_PER_PAGE).get_page(request.GET.get(param))
        others = request.GET.copy()
        others.pop(param, None)
        pages[name] = page
        pages[f"{name}_param"] = param
        pages[f"{name}_query"] = others.urlencode()
    return pages


def form_rate_limited(request, refused, template: str, context: dict):
    """A form refused by a rate limit (``RateLimited``): the page again with everything typed and the Spanish message
    above the form, answered 429 with ``Retry-After``. ``context["form"]`` is the bound form."""
    context["form"].add_error(None, refused.message)
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(refused.retry_after)
    return response


def form_action(request, form, action, *, success: str, invalid: str = "", refusals=(ValidationError,)) -> bool:
    """For POST-and-redirect views: validate ``form``, run ``action(cleaned_data)`` (a service call) and put the
    outcome in the messages — the service's Spanish refusal (``refusals``, ValidationError unless told), ``invalid``
    (or the form's own errors) for bad input, ``success`` otherwise. Returns whether the action ran."""
    if not form.is_valid():
        messages.error(request, invalid or " ".join(e for errors in form.errors.values() for e in errors))
        return False
    return service_with_message(request, lambda: action(form.cleaned_data), success, refusals=refusals)
