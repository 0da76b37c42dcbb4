"""Helpers to build debates in tests (also used by tests/url_matrix.py)."""

from innova.accounts.testing import make_user


def make_debate(*, author=None, title="¿Cómo recuperamos la quebrada Yomasa?", **extra):
    from . import services

    return services.debate_create(author=author or make_user("facilitator"), title=title, **extra)
