"""Registry of personal data held by each app, for the habeas-data rights (Ley 1581 de 2012).

Each app that stores personal data registers an *exporter* (returns a JSON-serialisable dict of
what it holds about a user) and an *eraser* (removes it when the account is deleted). The account
export and deletion walk this registry, so a new app cannot forget to take part: it registers in its
``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataHandler:
    section: str
    export: Callable  # (user) -> dict | list
    erase: Callable | None = None  # (user) -> None


_handlers: dict[str, PersonalDataHandler] = {}


def register(section: str, *, export: Callable, erase: Callable | None = None) -> None:
    _handlers[section] = PersonalDataHandler(section=section, export=export, erase=erase)


def handlers() -> list[PersonalDataHandler]:
    return list(_handlers.values())
