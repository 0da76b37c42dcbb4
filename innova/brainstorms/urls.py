from django.urls import path
from django.utils.translation import gettext_lazy as _

from innova.core.views import coming_soon

app_name = "brainstorms"

urlpatterns = [
    path("", coming_soon, {"section": _("Brainstorms")}, name="index"),
    path("nueva/", coming_soon, {"section": _("Brainstorms")}, name="create"),
]
