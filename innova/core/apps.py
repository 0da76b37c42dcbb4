from django.utils.translation import gettext_lazy as _

from . import app_config


class CoreConfig(app_config.InnovaAppConfig):
    name = "innova.core"
    verbose_name = _("Core")

    def ready(self):
        # Imported here: models and registries need Django's app registry, not ready when apps.py loads.
        from .personal_data_core import register_all

        register_all()
        _clean_every_text_field()
        _pages_follow_models()
        super().ready()


def _pages_follow_models() -> None:
    """A change to any model of an Innova app renews its app's version of the kept public pages (core/pagecache)."""
    from django.apps import apps

    from .pagecache import connect_model_signals

    connect_model_signals(config for config in apps.get_app_configs() if config.name.startswith("innova."))


def _clean_every_text_field() -> None:
    """Every text a person types through a Django form or an API serializer loses bidirectional controls and NUL.

    One hook on the two base classes rather than a mixin in each of the project's (and allauth's, and the admin's)
    forms, so a new form cannot forget it. Passwords are left exactly as typed.
    """
    # Imported here: DRF's fields load its settings and models, which need the app registry (ready() calls this).
    from django import forms
    from rest_framework import fields as drf_fields

    from .text import clean_user_text

    form_to_python = forms.CharField.to_python

    def to_python(self, value):
        value = form_to_python(self, value)
        return value if isinstance(self.widget, forms.PasswordInput) else clean_user_text(value)

    forms.CharField.to_python = to_python

    serializer_to_internal_value = drf_fields.CharField.to_internal_value

    def to_internal_value(self, data):
        value = serializer_to_internal_value(self, data)
        return value if (self.style or {}).get("input_type") == "password" else clean_user_text(value)

    drf_fields.CharField.to_internal_value = to_internal_value
