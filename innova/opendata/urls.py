from django.urls import path
from django.utils.translation import gettext_lazy as _

from innova.core.views import coming_soon

app_name = "opendata"

# Placeholder until this app lands: the header links here, so it must answer, not 404.
urlpatterns = [path("", coming_soon, {"section": _("Open data")}, name="index")]
