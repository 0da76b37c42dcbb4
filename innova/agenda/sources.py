"""One agenda for the whole lab: other apps add their dated things here instead of keeping a second calendar.

Two hooks, both called from the owning app's ``AppConfig.ready()``:

``register_source(name, fn)``
    ``fn(start, end)`` returns the app's items that start in ``[start, end)`` — either ``AgendaItem`` objects or
    objects with ``title``, ``starts_at``, ``ends_at`` and ``get_absolute_url()`` (optional: ``place_name``,
    ``upz_id``, ``kind`` one of ``agenda.models.Kind``). The agenda list, the month calendar and the iCalendar
    feed merge them with the agenda's own events. Example (work fronts)::

        register_source("fronts", lambda start, end: FrontSession.objects.filter(starts_at__gte=start,
                                                                                  starts_at__lt=end))

``register_membership_check(fn)``
    ``fn(user, front_id) -> bool`` answers "is this person a member of that work front?" for events whose audience
    is *front members only*. Until an app registers one, only lab staff pass.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from innova.core.predicates import is_staff_member

from .models import Kind


@dataclass(frozen=True)
class AgendaItem:
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    url: str
    kind: str = "front_session"
    place_name: str = ""
    upz_id: int | None = None
    source: str = "agenda"
    event_id: int | None = None

    @property
    def kind_label(self) -> str:

        try:
            return str(Kind(self.kind).label)
        except ValueError:
            return str(_("Activity"))


_sources: dict[str, Callable[[datetime.datetime, datetime.datetime], Iterable]] = {}
_membership_check: list[Callable] = []


def register_source(name: str, fn: Callable[[datetime.datetime, datetime.datetime], Iterable]) -> None:
    _sources[name] = fn


def unregister_source(name: str) -> None:
    _sources.pop(name, None)


def register_membership_check(fn: Callable | None) -> None:
    """Install ``fn(user, front_id) -> bool``; ``None`` restores the default (staff only)."""
    _membership_check.clear()
    if fn is not None:
        _membership_check.append(fn)


def is_front_member(user, front_id: int | None) -> bool:

    if is_staff_member(user):
        return True
    if not (user and user.is_authenticated) or front_id is None or not _membership_check:
        return False
    return bool(_membership_check[0](user, front_id))


def as_item(obj, source: str) -> AgendaItem:
    if isinstance(obj, AgendaItem):
        return obj
    upz = getattr(obj, "upz_id", None)
    return AgendaItem(
        title=str(getattr(obj, "title", obj)),
        starts_at=obj.starts_at,
        ends_at=getattr(obj, "ends_at", None) or obj.starts_at,
        url=obj.get_absolute_url(),
        kind=getattr(obj, "kind", "front_session") or "front_session",
        place_name=getattr(obj, "place_name", "") or "",
        upz_id=upz,
        source=source,
    )


def external_items(start: datetime.datetime, end: datetime.datetime) -> list[AgendaItem]:
    items = []
    for name, fn in _sources.items():
        items.extend(as_item(obj, name) for obj in fn(start, end))
    return items
