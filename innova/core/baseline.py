"""Data that the apps' data migrations load (UPZs, policy versions, themes), loaded again on demand.

Transactional and browser tests flush the database, and a fresh benchmark database needs the same rows; both call
``ensure()`` (through ``core.testing.baseline_data_ensure``). Each app registers its idempotent loader in
``AppConfig.ready()``, so core does not import the apps above it.
"""

from collections.abc import Callable

_loaders: list[Callable[[], object]] = []


def register(fn: Callable[[], object]) -> None:
    if fn not in _loaders:
        _loaders.append(fn)


def ensure() -> None:
    for fn in _loaders:
        fn()
