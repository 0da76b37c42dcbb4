from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "innova.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from .personal import register_all

        register_all()
