"""One entry point for "may this user do this to this object", used by services, views and the API."""

from django.core.exceptions import PermissionDenied


def require_perm(user, perm: str, obj=None, *, message: str | None = None) -> None:
    """Raise PermissionDenied unless ``user`` has ``perm`` (a django-rules permission) on ``obj``."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message or perm)
