"""iCalendar (.ics) for one event and for the whole agenda, in the America/Bogota time zone."""

import datetime
import zoneinfo

import icalendar
from django.conf import settings
from django.utils import timezone

from .selectors import event_item
from .sources import AgendaItem

BOGOTA = zoneinfo.ZoneInfo("America/Bogota")


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Usme Innova//Agenda//ES")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "America/Bogota")
    return cal


def _vevent(item: AgendaItem, *, description: str = "", location: str = "") -> icalendar.Event:
    vevent = icalendar.Event()
    uid = f"evento-{item.event_id}" if item.event_id else f"{item.source}-{abs(hash(item.url))}"
    vevent.add("uid", f"{uid}@usme-innova")
    vevent.add("summary", item.title)
    vevent.add("dtstart", timezone.localtime(item.starts_at, BOGOTA))
    vevent.add("dtend", timezone.localtime(item.ends_at, BOGOTA))
    vevent.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    vevent.add("url", settings.SITE_URL + item.url)
    if location or item.place_name:
        vevent.add("location", location or item.place_name)
    if description:
        vevent.add("description", description)
    return vevent


def _finish(cal: icalendar.Calendar) -> bytes:
    cal.add_missing_timezones()
    return cal.to_ical()


def event_ics(event) -> bytes:

    cal = _calendar(event.title)
    location = ", ".join(part for part in (event.place_name, event.address) if part) or event.online_url
    cal.add_component(_vevent(event_item(event), description=event.description, location=location))
    return _finish(cal)


def agenda_ics(items: list[AgendaItem]) -> bytes:
    cal = _calendar("Agenda Usme Innova")
    for item in items:
        cal.add_component(_vevent(item))
    return _finish(cal)
