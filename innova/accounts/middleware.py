from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import user_needs_policy_consent
from .services import staff_needs_mfa

# Paths a user can always reach, so that consenting, setting up MFA or leaving is never blocked.
_ALWAYS_ALLOWED = ("/cuenta/", "/static/", "/media/", "/healthz", "/idioma/", "/politica-de-datos/")


def _is_exempt(request) -> bool:
    return request.path.startswith(_ALWAYS_ALLOWED) or request.path.startswith("/api/")


class PolicyConsentMiddleware:
    """A new version of the personal-data policy asks every logged-in user to consent again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_exempt(request):
            if user_needs_policy_consent(user=user):
                return redirect(f"{reverse('accounts:consent')}?next={request.get_full_path()}")
        return self.get_response(request)


class StaffMfaMiddleware:
    """Facilitators and administrators must set up TOTP before they can use the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_exempt(request) and staff_needs_mfa(user):
            messages.warning(request, _("Staff accounts must turn on two-step verification before continuing."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
