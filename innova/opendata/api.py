"""Shared pieces of the public API (/api/v1/): authentication, rate limits, pagination, errors, CORS.

Each domain's endpoints live in that domain (e.g. ``innova/problems/api.py``) and are registered in its
``public.py``; ``api_urls.py`` builds the router from the registry.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, pagination, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.filters import OrderingFilter
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import exception_handler

from innova.core.ratelimit import RateLimited
from innova.core.selectors import CachedCountPaginator

from .models import ApiToken, key_digest


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` with our ApiToken model, found by the digest of the key."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(digest=key_digest(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid API key."))
        return token.user, token


class _SettingsRate:
    """Read the rate from REST_FRAMEWORK at request time (DRF reads it once at import), so tests can change it."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ApiAnonThrottle(_SettingsRate, AnonRateThrottle):
    scope = "anon"


class ApiUserThrottle(_SettingsRate, UserRateThrottle):
    """Known users (session or key) get the higher ``user`` rate."""

    scope = "user"


class ApiPagination(pagination.PageNumberPagination):
    # The total is cached for a minute, as on the web lists: COUNT(*) over 100,000 rows costs more than a page.
    django_paginator_class = CachedCountPaginator
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def api_exception_handler(exc, context):
    """The services raise Django's ValidationError with a Spanish message: answer 400, never 500; and
    ``RateLimited`` (the same per-person limits as the web): answer 429 with ``Retry-After``."""
    if isinstance(exc, RateLimited):
        return Response({"detail": exc.message}, status=429, headers={"Retry-After": str(exc.retry_after)})
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError({"detail": exc.messages})
    return exception_handler(exc, context)


@extend_schema_field(OpenApiTypes.STR)
class AbsoluteUrlField(serializers.ReadOnlyField):
    """The public page of the row (its ``get_absolute_url()``), as a full URL when the request is known."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        super().__init__(**kwargs)

    def to_representation(self, path) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.ReadOnlyField):
    """The label of a choice code in the reader's language: ``ChoiceLabelField(Status, source="status")``."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def to_representation(self, code) -> str:
        return str(self.choices(code).label)


class ApiViewMixin:
    """Authentication, permission and limits every endpoint of the public API shares."""

    # Key first, so an anonymous write is answered 401 with WWW-Authenticate (the web sends to log in).
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    throttle_classes = [ApiAnonThrottle, ApiUserThrottle]
    pagination_class = ApiPagination
    # JSON only: DRF's browsable pages need inline scripts the CSP refuses; people read /api/v1/ instead.
    renderer_classes = [JSONRenderer]
    # Each endpoint's ``filterset_class`` and ``ordering_fields`` say what a reader may filter and sort by.
    filter_backends = [DjangoFilterBackend, OrderingFilter]

    def get_exception_handler(self):
        return api_exception_handler
