"""Debates in the public API (/api/v1/debates/): read-only, for everyone.

Reads use the debates' selectors (visible debates, visible arguments), like the web pages. Arguments and
supports are given on the web only, so the API offers no writes. No author is ever exposed: not who opened the
debate, nor who wrote an argument.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from innova.opendata.api import AbsoluteUrlField, ApiViewMixin, ChoiceLabelField

from . import selectors
from .models import ArgumentSide, Debate, DebateStatus


class ArgumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.ChoiceField(choices=ArgumentSide.choices)
    body = serializers.CharField()
    support_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class DebateSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField(help_text=_("Public page of the debate."))
    question = serializers.CharField(source="title", help_text=_("The question put to the locality."))
    status_label = ChoiceLabelField(DebateStatus, source="status")
    front_id = serializers.IntegerField(allow_null=True, help_text=_("The work front it belongs to, if any."))
    arguments_for = serializers.IntegerField(help_text=_("Visible arguments for."))
    arguments_against = serializers.IntegerField(help_text=_("Visible arguments against."))
    comment_count = serializers.IntegerField(source="public_comment_count", help_text=_("Visible comments."))
    opened_at = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Debate
        fields = [
            "id",
            "url",
            "question",
            "context",
            "status",
            "status_label",
            "front_id",
            "arguments_for",
            "arguments_against",
            "comment_count",
            "opened_at",
            "closed_at",
            "conclusion",
        ]


class DebateDetailSerializer(DebateSerializer):
    arguments = serializers.SerializerMethodField(help_text=_("Visible arguments, most supported first."))

    class Meta(DebateSerializer.Meta):
        fields = [*DebateSerializer.Meta.fields, "arguments"]

    @extend_schema_field(ArgumentSerializer(many=True))
    def get_arguments(self, debate) -> list[dict]:
        by_side = selectors.debate_arguments(debate=debate)
        arguments = sorted([*by_side[ArgumentSide.FOR], *by_side[ArgumentSide.AGAINST]], key=lambda a: a.pk)
        return ArgumentSerializer(arguments, many=True).data


class DebateFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=DebateStatus.choices)
    # Bounded: an id past the database's integer range would make Django give up on the query (EmptyResultSet).
    front = django_filters.NumberFilter(
        field_name="front_id", min_value=1, max_value=2_147_483_647, help_text=_("Work front id.")
    )
    opened_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    opened_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Debate
        fields = ["status", "front", "opened_after", "opened_before"]


NOT_FOUND = OpenApiResponse(description=_("No visible debate with this id."))


@extend_schema(
    description=_("Debates of Usme: the question, the counts of arguments and comments, the conclusion once closed.")
)  # the operations' default, in the reader's language
@extend_schema_view(
    list=extend_schema(
        summary=_("Public debates"), description=_("Newest first; filter by status, work front, dates.")
    ),
    retrieve=extend_schema(
        summary=_("One debate with its visible arguments"), responses={200: DebateDetailSerializer, 404: NOT_FOUND}
    ),
)
class DebateViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Debates of Usme: the question, the counts of arguments and comments, the conclusion once closed."""

    filterset_class = DebateFilter
    ordering_fields = ["created_at", "closed_at", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no database needed
            return Debate.objects.none()
        return selectors.debate_public_list()

    def get_serializer_class(self):
        return DebateSerializer if self.action == "list" else DebateDetailSerializer
