"""OpenAPI answers every write endpoint of the API shares, written once in the reader's language."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse

UNAUTHENTICATED = OpenApiResponse(description=_("Log in or send an API key."))
FORBIDDEN = OpenApiResponse(description=_("Your account may not do this (the same rule as on the web)."))
BAD_REQUEST = OpenApiResponse(description=_("Invalid data; the messages say what to fix."))
RATE_LIMITED = OpenApiResponse(description=_("Too many in a short while: try again after the seconds in Retry-After."))
