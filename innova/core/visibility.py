"""Who may see an object: one answer per model, registered by the app that owns it.

Services that act on someone else's content — comments, flags, comment votes, follows — call
``require_visible(user, target)`` first, so a stranger cannot comment on, report, vote in or follow what their page
answers 404 for (a draft proposal of someone else, a members-only board of another front). The answer is the same
404 (``NotVisible`` is an ``Http404``): the object does not exist for them.

Apps register in ``AppConfig.ready()``: ``visibility.register(Proposal, "proposals.view_proposal")`` (a django-rules
permission, tested as a rule, so a superuser passes only what the rule says) or ``register(Model, fn)`` with
``fn(user, obj) -> bool``. An object of an unregistered model is visible to nobody (default deny).
"""

from collections.abc import Callable

import rules
from django.http import Http404

from .predicates import is_staff_member

_registry: dict[str, Callable] = {}


class NotVisible(Http404):
    """The target exists but not for this person: answered like a missing page."""


def register(model, can_see: str | Callable) -> None:
    if isinstance(can_see, str):
        permission = can_see

        def can_see(user, obj) -> bool:
            return rules.has_perm(permission, user, obj)

    _registry[model._meta.label_lower] = can_see


def part_of(parent: str) -> Callable:
    """For content shown inside another object's page (an argument in its debate, an idea on its board): visible
    where the page is, while moderation has not hidden it (moderators still see it)."""

    def can_see(user, obj) -> bool:

        if getattr(obj, "hidden_at", None) is not None and not is_staff_member(user):
            return False
        return is_visible(user, getattr(obj, parent))

    return can_see


def is_visible(user, obj) -> bool:
    if obj is None or not hasattr(obj, "_meta"):
        return False
    can_see = _registry.get(obj._meta.label_lower)
    return can_see is not None and bool(can_see(user, obj))


def require_visible(user, obj) -> None:
    if not is_visible(user, obj):
        raise NotVisible
