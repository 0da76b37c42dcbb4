from functools import cache

from django.contrib import auth, messages
from django.contrib.auth import middleware as auth_middleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from innova.core.pagecache import domains_version, person_copies

from .models import User
from .selectors import user_needs_policy_consent
from .services import staff_needs_mfa

# How long this process may answer with a user row it read: bounds what a change made behind the ORM's back (a
# raw SQL update, which renews no version) could take to show. Saves and deletions show on the next request.
USER_KEPT_SECONDS = 60

# Paths a user can always reach, so that consenting, setting up MFA or leaving is never blocked.
_ALWAYS_ALLOWED = ("/cuenta/", "/static/", "/media/", "/healthz", "/idioma/", "/politica-de-datos/")


def _is_exempt(request) -> bool:
    return request.path.startswith(_ALWAYS_ALLOWED) or request.path.startswith("/api/")


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, without the query for the signed-in user's row on most requests.

    ``request.user`` is what ``django.contrib.auth.get_user`` gives; when this process has already verified the same
    session hash (same user, same backend) against the same version of the accounts app, the row it read then is
    used again: any saved or deleted user, a password changed, a group or a permission granted renews that version
    (core.pagecache), and the version is read afresh on every request. Each request gets its own ``User`` instance;
    rows are kept only in this process's memory, never in the shared cache."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user_of_session(request))


def _user_of_session(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = _user_kept_or_read(request)
    return request._cached_user


def _user_kept_or_read(request):
    session = request.session
    user_id, backend, session_hash = (
        session.get(name) for name in (auth.SESSION_KEY, auth.BACKEND_SESSION_KEY, auth.HASH_SESSION_KEY)
    )
    if user_id is None or not session_hash:
        return auth.get_user(request)
    key = f"accounts:session-user:{user_id}:{backend}:{session_hash}:{domains_version('accounts')}"
    row = person_copies.get(key)
    if row is not None:
        return User.from_db("default", _user_columns(), row)
    user = auth.get_user(request)
    # Kept only when the session's hash verified as is (not through a fallback secret, which renews the session).
    if user.is_authenticated and str(user.pk) == str(user_id):
        if constant_time_compare(session_hash, user.get_session_auth_hash()):
            person_copies.put(key, tuple(getattr(user, name) for name in _user_columns()), USER_KEPT_SECONDS)
    return user


@cache
def _user_columns() -> list[str]:
    return [field.attname for field in User._meta.concrete_fields]


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
