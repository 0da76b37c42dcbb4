"""Test helpers that need moderation (``core.testing`` has the rest; it sits below this app)."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser

from .services import moderation_set_hidden

CONTENT_STATES = ("published", "hidden", "draft", "own_published", "own_draft")


def rules_matrix_case(request, *, role: str, state: str, make, moderator):
    """For role × state matrices of published content (problems, proposals): the person in ``role`` (an anonymous
    user for "anonymous") and an object made by ``make(author=…, publish=…)`` in ``state``, one of CONTENT_STATES
    ("hidden": by ``moderator``). Returns user, target, own (the person wrote it), signed_in and public."""
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    own = state.startswith("own_") and role != "anonymous"
    target = make(author=user if own else None, publish="draft" not in state)
    if state == "hidden":
        moderation_set_hidden(actor=moderator, target=target, hidden=True, reason="Datos personales")
    public = state in ("published", "own_published")
    return SimpleNamespace(user=user, target=target, own=own, signed_in=role != "anonymous", public=public)
