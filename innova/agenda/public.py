"""What the agenda publishes: the events dataset, the events API, search and dashboard counts.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Every event of the agenda is public
(``selectors.event_visible``); registrations are published as counts only, never who registered or attended.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innova.opendata import registry

from . import selectors
from .api import EventSerializer, EventViewSet
from .models import Kind, Registration, RegistrationStatus


def _event_rows():
    return selectors.event_public_list().order_by("id")


EVENT_FIELDS = registry.dataset_fields(
    EventSerializer,
    registry.Column("id", "Stable identifier of the event (also in /api/v1/events/{id}/).", True),
    registry.Column("url", "Public page of the event (path on the site).", True),
    registry.Column("title", "Title of the event.", True),
    registry.Column("description", "Description of the event.", True),
    registry.Column("kind", "Kind code (public_event, cocreation, workshop, front_session).", True),
    registry.DatasetField("kind_name", "string", "Kind of event.", lambda e: str(Kind(e.kind).label), True),
    registry.Column("starts_at", "When it starts.", True),
    registry.Column("ends_at", "When it ends.", True),
    registry.DatasetField(
        "place", "string", "Name of the place; empty when only online.", lambda e: e.place_name or None
    ),
    registry.DatasetField(
        "upz_code",
        "string",
        "Code of the UPZ of the place (RURAL for the rural zone), empty when not given.",
        lambda e: e.upz.code if e.upz_id else None,
    ),
    registry.Column("online", "Whether it can be followed online.", True, value=lambda e: bool(e.online_url)),
    registry.Column("capacity", "Seats; 0 means no limit.", True),
    registry.Column("registered_count", "People holding a seat.", True),
    registry.Column("waitlisted_count", "People on the waiting list.", True),
    registry.Column("attended_count", "People who checked in (walk-ins included).", True),
)


def _search(q: str):
    """Matching events, the latest first (upcoming events before past ones)."""
    return selectors.event_search(selectors.event_visible().select_related("upz"), q).order_by("-starts_at", "-id")


def _describe(event) -> dict:
    return {
        "title": event.title,
        "body": event.description,
        "status": str(Kind(event.kind).label),
        "upz_id": event.upz_id,
        "upz_name": str(event.upz) if event.upz_id else event.place_name or str(_("Online")),
        "date": event.starts_at,
    }


def _counts(*, start=None, end=None, upz_id: int | None = None) -> registry.DashboardCounts:
    """Events that start in the period (by month, UPZ, kind; upcoming or held) and their registrations."""
    base = registry.in_upz(registry.in_period(selectors.event_visible(), "starts_at", start, end), upz_id)
    figures = base.aggregate(total=Count("id"), upcoming=Count("id", filter=Q(ends_at__gte=timezone.now())))
    people = (
        Registration.objects.filter(event__in=base)
        .exclude(status=RegistrationStatus.CANCELLED)
        .aggregate(
            registered=Count("id", filter=Q(status=RegistrationStatus.REGISTERED, walk_in=False)),
            attended=Count("id", filter=Q(checked_in_at__isnull=False)),
        )
    )
    by_status = {_("Upcoming"): figures["upcoming"], _("Held"): figures["total"] - figures["upcoming"]}
    return registry.DashboardCounts(
        total=figures["total"],
        by_upz=registry.count_by(base, "upz__code"),
        by_theme={str(Kind(code).label): n for code, n in registry.count_by(base, "kind").items()},
        by_status={str(label): n for label, n in by_status.items() if n},
        by_month=registry.count_by_month(base, "starts_at"),
        extra={
            _("People registered for these events"): people["registered"],
            _("People who attended these events"): people["attended"],
        },
    )


registry.register_dataset(
    registry.Dataset(
        name="events",
        title="Eventos del laboratorio",
        description="Events of the Usme Innova agenda with seats, waiting list and attendance (counts only).",
        rows=_event_rows,
        fields=EVENT_FIELDS,
    )
)
registry.register_api("events", EventViewSet, basename="event")
registry.register_search(registry.SearchSource(kind="events", label=_("Events"), search=_search, describe=_describe))
registry.register_dashboard(
    registry.DashboardSource(
        kind="events",
        label=_("Events"),
        counts=_counts,
        charts=(
            ("upz", _("By UPZ")),
            ("theme", _("By kind of event")),
            ("status", _("Upcoming or held")),
            ("month", _("By month")),
        ),
    )
)
