"""/api/v1/: the router is built from what the domains registered (registry.register_api)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import registry, views

app_name = "api"

router = SimpleRouter()
for endpoint in registry.api_endpoints():
    router.register(endpoint.prefix, endpoint.viewset, basename=endpoint.basename)

urlpatterns = [
    path("", views.api_docs, name="docs"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    *router.urls,
]
