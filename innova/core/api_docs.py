"""OpenAPI answers every write endpoint of the API shares, written once in the reader's language."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse

UNAUTHENTICATED = OpenApiResponse(description=_("Log in or send an API key."))
FORBIDDEN = OpenApiResponse(description=_("Your account may not do this (the same rule as on the web)."))
BAD_REQUEST = OpenApiResponse(description=_("Invalid data; the messages say what to fix."))
RATE_LIMITED = OpenApiResponse(description=_("Too many in a short while: try again after the seconds in Retry-After."))


def write_responses(answer, *, status: int = 200, not_found=None) -> dict:
    """The answers of a write endpoint: ``answer`` on success, then the shared 400, 401, 403 and, for a write on
    one row, ``not_found`` (404)."""
    responses = {status: answer, 400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: FORBIDDEN}
    if not_found is not None:
        responses[404] = not_found
    return responses
