"""What apps built on debates add to a debate's page, without debates importing them.

Opinion maps sit above debates (docs/ARCHITECTURE.md, "Layers between apps"): the opinions app registers, in its
``AppConfig.ready()``, a function ``fn(user, debate) -> dict`` whose keys go into the debate detail template.
"""

from collections.abc import Callable

_detail_context_providers: list[Callable] = []


def register_detail_context(fn: Callable) -> None:
    if fn not in _detail_context_providers:
        _detail_context_providers.append(fn)


def detail_context(*, user, debate) -> dict:
    context: dict = {}
    for fn in _detail_context_providers:
        context.update(fn(user, debate))
    return context
