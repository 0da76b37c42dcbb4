"""How the bottom layers tell people something without importing notifications, which sits above them.

Core (comments, moderation, status history) and accounts (role claims) call ``emit``, ``followers_of`` and
``email_muted`` here; the notifications app registers its services module in ``AppConfig.ready()`` and every call
goes to ``notifications.services`` (looked up at call time). ``emit`` takes the same keyword arguments as
``notification_emit``. Domain apps above notifications import ``notifications.services`` directly.
"""

import contextlib

from django.contrib.auth import get_user_model

_services: list = []


def register(services_module) -> None:
    _services[:] = [services_module]


def emit(**kwargs) -> None:
    if _services:
        _services[0].notification_emit(**kwargs)


def followers_of(target):
    if not _services:
        return get_user_model().objects.none()
    return _services[0].followers_of(target)


def email_muted():
    return _services[0].email_muted() if _services else contextlib.nullcontext()
