"""Events in the public API (/api/v1/events/): read-only, for everyone.

Reads use the same selectors as the agenda pages. Registration stays on the web (it asks guests for their consent
and sends the QR code). Seats, waiting list and attendance are counts: who registered or attended is never shown.
"""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from innova.opendata.api import AbsoluteUrlField, ApiViewMixin, ChoiceLabelField
from innova.territory.models import Upz

from . import selectors
from .models import Event, Kind


class EventUpzSerializer(serializers.ModelSerializer):
    class Meta:
        model = Upz
        fields = ["code", "name"]


class EventSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField(help_text=_("Public page of the event, where people register."))
    kind_label = ChoiceLabelField(Kind, source="kind")
    upz = EventUpzSerializer(
        read_only=True, allow_null=True, help_text=_("UPZ of the place; null when online or not given.")
    )
    place_name = serializers.CharField(read_only=True, help_text=_("Name of the place; empty when only online."))
    online = serializers.SerializerMethodField(help_text=_("Whether it can be followed online."))
    capacity = serializers.IntegerField(read_only=True, help_text=_("Seats; 0 means no limit."))
    registered_count = serializers.IntegerField(read_only=True, help_text=_("People holding a seat."))
    waitlisted_count = serializers.IntegerField(read_only=True, help_text=_("People on the waiting list."))
    attended_count = serializers.IntegerField(read_only=True, help_text=_("People who checked in (walk-ins included)."))

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "title",
            "description",
            "kind",
            "kind_label",
            "starts_at",
            "ends_at",
            "place_name",
            "upz",
            "online",
            "capacity",
            "registered_count",
            "waitlisted_count",
            "attended_count",
        ]

    def get_online(self, event) -> bool:
        return bool(event.online_url)


class EventFilter(django_filters.FilterSet):
    WHEN = (("upcoming", "upcoming"), ("past", "past"))

    when = django_filters.ChoiceFilter(
        choices=WHEN, method="filter_when", help_text=_("upcoming: not yet ended; past: already ended.")
    )
    upz = django_filters.CharFilter(field_name="upz__code", help_text=_("UPZ code, e.g. 57."))
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    starts_after = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__gte")
    starts_before = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte")

    class Meta:
        model = Event
        fields = ["when", "upz", "kind", "starts_after", "starts_before"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(ends_at__lt=now) if value == "past" else queryset.filter(ends_at__gte=now)


@extend_schema(
    description=_("Public events of Usme Innova with their seats and attendance counts; ids never change.")
)  # the operations' default, in the reader's language
@extend_schema_view(
    list=extend_schema(
        summary=_("Events of the lab's agenda"),
        description=_("Soonest first; filter upcoming or past, by dates, UPZ and kind. Register on the event's page."),
    ),
    retrieve=extend_schema(
        summary=_("One event"),
        responses={200: EventSerializer, 404: OpenApiResponse(description=_("No event with this id."))},
    ),
)
class EventViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Public events of Usme Innova with their seats and attendance counts; ids never change."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["starts_at", "id"]
    ordering = ["starts_at", "id"]

    def get_queryset(self):
        return selectors.event_public_list()
