"""Courses in the public API (/api/v1/courses/): read-only, for everyone.

Reads use the same selectors as the course pages; enrolment stays on the web. Enrolments and certificates are
counts: who enrolled or completed a course is never shown.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from innova.opendata.api import AbsoluteUrlField, ApiViewMixin

from . import selectors
from .models import Course


class CourseSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField(help_text=_("Public page of the course, where people enrol."))
    modality = serializers.SerializerMethodField(
        help_text=_("in_person, online or blended, from the sessions held through agenda events; null when unknown.")
    )
    first_session_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_session_at = serializers.DateTimeField(read_only=True, allow_null=True)
    sessions_count = serializers.IntegerField(read_only=True)
    certified_count = serializers.IntegerField(
        read_only=True, help_text=_("People who completed it and hold a valid certificate.")
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "url",
            "title",
            "summary",
            "description",
            "hours",
            "modality",
            "first_session_at",
            "last_session_at",
            "sessions_count",
            "capacity",
            "enrollment_open",
            "enrolled_count",
            "certified_count",
            "created_at",
        ]

    def get_modality(self, course) -> str | None:
        return selectors.course_modality(course)


class CourseFilter(django_filters.FilterSet):
    class Meta:
        model = Course
        fields = ["enrollment_open"]


@extend_schema(
    description=_(
        "Published training courses of Usme Innova with their enrolment and completion counts; ids never change."
    )
)  # the operations' default, in the reader's language
@extend_schema_view(
    list=extend_schema(summary=_("Published courses"), description=_("Newest first; filter by open enrolment.")),
    retrieve=extend_schema(
        summary=_("One course"),
        responses={200: CourseSerializer, 404: OpenApiResponse(description=_("No published course with this id."))},
    ),
)
class CourseViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Published training courses of Usme Innova with their enrolment and completion counts; ids never change."""

    serializer_class = CourseSerializer
    filterset_class = CourseFilter
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return selectors.course_public_list()
