import calendar
import datetime
import zoneinfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from innova.core.participation import text_search

from .models import Event, Registration, RegistrationStatus
from .sources import AgendaItem, external_items

BOGOTA = zoneinfo.ZoneInfo("America/Bogota")


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(year, month, 1, tzinfo=BOGOTA)
    end = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=BOGOTA)
    return start, end


def event_visible() -> QuerySet[Event]:
    """Events anyone may see: all of them. The lab has no draft events, and an event for a work front's members
    restricts who registers, not who sees it — the agenda, the calendar, the feed, search and the API agree."""
    return Event.objects.all()


def event_public_list() -> QuerySet[Event]:
    """Visible events with their public counts (open data, API): seats taken, waiting list, attendance.

    Counts only: who registered or attended is never part of it."""
    active = ~Q(registrations__status=RegistrationStatus.CANCELLED)
    return (
        event_visible()
        .select_related("upz")
        .annotate(
            waitlisted_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
            attended_count=Count("registrations", filter=active & Q(registrations__checked_in_at__isnull=False)),
        )
    )


def event_search(queryset: QuerySet[Event], q: str) -> QuerySet[Event]:
    """Spanish word search over title, description and place (shared mechanism, core.participation)."""
    return text_search(queryset, q)


def event_item(event: Event) -> AgendaItem:
    return AgendaItem(
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        url=event.get_absolute_url(),
        kind=event.kind,
        place_name=event.place_name or event.online_url,
        upz_id=event.upz_id,
        event_id=event.pk,
    )


def agenda_items(
    *,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    kind: str = "",
    upz=None,
    past: bool = False,
) -> list[AgendaItem]:
    """The lab's agenda: its own events and every registered source (work-front sessions…), in time order.

    Without ``start``: upcoming (not yet ended) items, or with ``past`` those that ended, newest first.
    """
    now = timezone.now()
    events = event_visible()
    if start is not None:
        events = events.filter(starts_at__gte=start, starts_at__lt=end)
    elif past:
        events = events.filter(ends_at__lt=now)
    else:
        events = events.filter(ends_at__gte=now)
    if kind:
        events = events.filter(kind=kind)
    if upz is not None:
        events = events.filter(upz=upz)
    items = [event_item(event) for event in events]
    window_start = start or (now - datetime.timedelta(days=366) if past else now - datetime.timedelta(days=1))
    window_end = end or (now if past else now + datetime.timedelta(days=366))
    for item in external_items(window_start, window_end):
        if kind and item.kind != kind:
            continue
        if upz is not None and item.upz_id != upz.pk:
            continue
        if start is None and (item.ends_at < now) != past:
            continue
        items.append(item)
    items.sort(key=lambda item: item.starts_at, reverse=past)
    return items


def agenda_month(*, year: int, month: int, kind: str = "", upz=None) -> list[list[tuple[datetime.date, list]]]:
    """Weeks (Monday first) of (date, items that day) for the month view."""
    start, end = month_bounds(year, month)
    by_day: dict[datetime.date, list[AgendaItem]] = {}
    for item in agenda_items(start=start, end=end, kind=kind, upz=upz):
        by_day.setdefault(timezone.localtime(item.starts_at, BOGOTA).date(), []).append(item)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[(day, by_day.get(day, []) if day.month == month else []) for day in week] for week in weeks]


def registration_for(*, user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).exclude(status=RegistrationStatus.CANCELLED).first()


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to get a seat; None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITLISTED).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_of(user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("-event__starts_at")
    )


def attendance_list(*, event: Event, query: str = "") -> QuerySet[Registration]:
    registrations = (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "created_at", "pk")
    )
    query = query.strip()
    if query:
        registrations = registrations.filter(
            Q(name__icontains=query)
            | Q(user__display_name__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(code__iexact=query)
        )
    return registrations


ATTENDANCE_COLUMNS = ("code", "name", "email", "phone", "status", "walk_in", "checked_in_at", "answers")


def attendance_rows(*, event: Event) -> list[list]:
    rows = []
    for registration in attendance_list(event=event):
        checked = registration.checked_in_at
        rows.append(
            [
                registration.code,
                registration.display_name,
                registration.contact_email,
                registration.phone,
                registration.get_status_display(),
                "sí" if registration.walk_in else "no",
                timezone.localtime(checked, BOGOTA).strftime("%Y-%m-%d %H:%M") if checked else "",
                "; ".join(f"{q} {a}" for q, a in registration.answers.items()),
            ]
        )
    return rows


def registration_personal_data(user) -> dict:
    return {
        "registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "status": r.status,
                "code": r.code,
                "answers": r.answers,
                "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            }
            for r in Registration.objects.filter(user=user).select_related("event")
        ]
    }
