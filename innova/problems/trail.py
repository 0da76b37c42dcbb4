"""The trail of a problem: what came from it (boards, proposals, debates, difficulties), as a dated timeline.

Other apps add their entries without problems knowing them: each registers, in its ``AppConfig.ready()``, a
function ``(problem) -> list[dict]`` whose dicts have ``date`` (datetime), ``kind`` (a translatable noun),
``title``, ``url``, ``status`` (label) and ``status_code``::

    from innova.problems import trail
    trail.register(proposal_trail_entries)

Only public items belong in the trail: the page is public.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TrailEntry:
    date: datetime
    kind: str
    title: str
    url: str
    status: str
    status_code: str = ""


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    """Add a source of trail entries; usable as a decorator. Registering twice is harmless."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def trail_domains() -> list[str]:
    """The apps (labels) whose items the trail shows: a problem's kept page follows their changes too."""
    return [provider.__module__.split(".")[1] for provider in _providers]


def trail_for(problem) -> list[TrailEntry]:
    """Every registered entry for ``problem``, oldest first."""
    entries = [TrailEntry(**row) for provider in _providers for row in provider(problem)]
    return sorted(entries, key=lambda entry: entry.date)
