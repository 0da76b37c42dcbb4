"""Helpers to build debates in tests (also used by tests/url_matrix.py)."""

from innova.accounts.testing import make_user

from . import services


def make_debate(*, author=None, title="¿Cómo recuperamos la quebrada Yomasa?", **extra):

    return services.debate_create(author=author or make_user("facilitator"), title=title, **extra)
