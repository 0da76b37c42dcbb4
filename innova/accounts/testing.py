"""People in each role for the tests of every app (the fixtures in conftest.py, tests/url_matrix.py, bench)."""

import itertools

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from innova.core.roles import Role
from innova.core.testing import TEST_PASSWORD

from .models import User
from .services import consent_record

_counter = itertools.count(1)
TOTP_TEST_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test fixture  # nosec B105
SIGNUP_PASSWORD = "Usme-es-bonita-2026"  # noqa: S105 - what the browser tests type when signing up  # nosec B105


def make_user(role: str = "citizen", *, email: str | None = None, display_name: str | None = None, **extra):
    """A verified, consenting user in ``role``; staff get a TOTP authenticator (MFA is required for them)."""
    n = next(_counter)
    email = email or f"{role}{n}@prueba.usme.co"
    user = User.objects.create_user(
        email=email,
        password=TEST_PASSWORD,
        display_name=display_name or f"{Role(role).label} {n}",
        role=role,
        is_staff=role == Role.ADMINISTRATOR,
        **extra,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    consent_record(user=user)
    if role in (Role.FACILITATOR, Role.ADMINISTRATOR):
        TOTP.activate(user, TOTP_TEST_SECRET)
    return user


def browser_signup_send(page) -> None:
    """On the sign-up page open in a browser ``page``, name and e-mail typed: type the password twice, accept the
    data policy, sign up, and wait for the page that asks to verify the address."""
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    page.check("#id_accept_policy")
    page.get_by_role("button", name="Registrarse").click()
    page.wait_for_url("**/cuenta/confirm-email/")
