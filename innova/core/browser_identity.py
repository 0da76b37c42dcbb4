"""Who an anonymous participant is, without an account: a random key kept in a signed cookie of this browser.

Opinion maps (voting without an account) and surveys (answering once per browser) both need it. The cookie holds
no personal data, is signed (a forged one reads as absent), http-only, ``SameSite=Lax``, ``Secure`` whenever the
request came over HTTPS, and lasts a year.
"""

import secrets
from dataclasses import dataclass

YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class BrowserIdentity:
    cookie: str
    salt: str
    max_age: int = YEAR

    def _new_keys(self, request) -> dict:
        if not hasattr(request, "_browser_identity_new_keys"):
            request._browser_identity_new_keys = {}
        return request._browser_identity_new_keys

    def key(self, request, *, create: bool = False) -> str | None:
        """This browser's key (None for a signed-in person); with ``create``, a new one if it had none, which
        ``remember`` then writes into the response."""
        if request.user.is_authenticated:
            return None
        new_keys = self._new_keys(request)
        key = new_keys.get(self.cookie) or request.get_signed_cookie(self.cookie, default=None, salt=self.salt)
        if key is None and create:
            key = new_keys[self.cookie] = secrets.token_urlsafe(24)
        return key

    def remember(self, request, response):
        """Set the cookie on ``response`` when ``key(create=True)`` made a new key during this request."""
        key = self._new_keys(request).get(self.cookie)
        if key:
            response.set_signed_cookie(
                self.cookie,
                key,
                salt=self.salt,
                max_age=self.max_age,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
