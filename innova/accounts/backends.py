"""Who may use the Django admin, kept apart from who passes the platform's rules.

Administrators are not Django superusers (a superuser would pass every rule before it runs). This backend gives an
active administrator the Django admin's own permissions, the ``add/change/delete/view`` of each model and its
``Meta.permissions``, and never a rule permission: those are decided by the apps' ``rules.py`` for everyone
(``accounts.models.User.has_perm``).
"""

from functools import cache

import rules
from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.backends import BaseBackend

from innova.core.roles import Role


@cache
def _model_permissions() -> frozenset[str]:
    names = set()
    for model in apps.get_models():
        opts = model._meta
        names.update(f"{opts.app_label}.{get_permission_codename(action, opts)}" for action in opts.default_permissions)
        names.update(f"{opts.app_label}.{codename}" for codename, _label in opts.permissions)
    return frozenset(names)


def _administrator(user) -> bool:
    return bool(user.is_active and user.is_staff and getattr(user, "role", None) == Role.ADMINISTRATOR)


class AdminSiteBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return obj is None and _administrator(user_obj) and perm in _model_permissions() and not rules.perm_exists(perm)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return _administrator(user_obj) and any(name.startswith(f"{app_label}.") for name in _model_permissions())
