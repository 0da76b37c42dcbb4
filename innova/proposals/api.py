"""Proposals in the public API (/api/v1/proposals/): read for everyone, support for members.

Reads use the same selectors as the web pages (published, not hidden); the one write, supporting or withdrawing
the support, calls the same service as the web, which checks ``proposals.support_proposal``. Neither the author
nor the co-authors nor who moved a proposal through its lifecycle are ever exposed; only the position of that
official.
"""

from functools import partial

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly

from innova.core.api_docs import write_responses
from innova.opendata.api import AbsoluteUrlField, ApiViewMixin, ChoiceLabelField
from innova.problems.api import SupportResultSerializer, SupportSerializer, UpzSerializer, support_answer

from . import selectors, services
from .models import Origin, Proposal, Status, StatusChange

PUBLIC_STATUSES = [(code, label) for code, label in Status.choices if code != Status.DRAFT]


class ProposalStatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.ChoiceField(choices=Status.choices, allow_blank=True)
    to_status = serializers.ChoiceField(choices=Status.choices)
    decided_by_role = serializers.SerializerMethodField(
        help_text=_("Position of the official or facilitator who took the step (never the person's name).")
    )

    class Meta:
        model = StatusChange
        fields = ["id", "from_status", "to_status", "reason", "decided_by_role", "created_at"]

    def get_decided_by_role(self, change) -> str:
        return selectors.status_change_decided_by(change)


class ProposalSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text=_("Short code, PRO-0001."))
    url = AbsoluteUrlField(help_text=_("Public page of the proposal."))
    status = serializers.ChoiceField(choices=PUBLIC_STATUSES)
    status_label = ChoiceLabelField(Status, source="status")
    origin = serializers.ChoiceField(choices=Origin.choices)
    beneficiary_upzs = UpzSerializer(source="public_upzs", many=True, read_only=True)
    problem_ids = serializers.SerializerMethodField(help_text=_("Published problems the proposal addresses."))

    class Meta:
        model = Proposal
        fields = [
            "id",
            "reference",
            "url",
            "title",
            "summary",
            "solution",
            "expected_impact",
            "status",
            "status_label",
            "origin",
            "beneficiary_upzs",
            "problem_ids",
            "estimated_cost",
            "support_count",
            "comment_count",
            "published_at",
            "answer_due_at",
            "answered_at",
        ]

    def get_problem_ids(self, proposal) -> list[int]:
        return [problem.pk for problem in proposal.public_problems]


class ProposalDetailSerializer(ProposalSerializer):
    history = ProposalStatusChangeSerializer(
        source="public_history", many=True, read_only=True, help_text=_("The public lifecycle steps, oldest first.")
    )

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "history"]


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=PUBLIC_STATUSES)
    upz = django_filters.CharFilter(
        field_name="beneficiary_upzs__code", help_text=_("Code of a UPZ that benefits, e.g. 57, or RURAL.")
    )
    q = django_filters.CharFilter(method="search", help_text=_("Words to find (Spanish; accents do not matter)."))

    class Meta:
        model = Proposal
        fields = ["status", "upz", "q"]

    def search(self, queryset, name, value):
        return selectors.proposal_search(queryset, value)


NOT_FOUND = OpenApiResponse(description=_("No published proposal with this id."))


@extend_schema(
    description=_("Published proposals of Usme. Authors and co-authors are never shown; ids never change.")
)  # the operations' default, in the reader's language
@extend_schema_view(
    list=extend_schema(
        summary=_("Published proposals"),
        description=_(
            "Most supported first; filter by status, beneficiary UPZ and words; order by support_count "
            "or published_at (with - for descending)."
        ),
    ),
    retrieve=extend_schema(
        summary=_("One proposal with its public history"), responses={200: ProposalDetailSerializer, 404: NOT_FOUND}
    ),
)
class ProposalViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Published proposals of Usme. Authors and co-authors are never shown; ids never change."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    filterset_class = ProposalFilter
    ordering_fields = ["support_count", "published_at", "id"]
    ordering = ["-support_count", "-id"]  # as the web list: most supported first

    def get_queryset(self):
        queryset = selectors.proposal_public_rows()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("status_changes", queryset=selectors.status_change_public(), to_attr="public_history")
            )
        return queryset

    def get_serializer_class(self):
        return ProposalSerializer if self.action == "list" else ProposalDetailSerializer

    @extend_schema(
        summary=_("Support a proposal or withdraw the support"),
        request=SupportSerializer,
        responses=write_responses(SupportResultSerializer, not_found=NOT_FOUND),
    )
    @action(detail=True, methods=["post"])
    def support(self, request, pk=None):
        proposal = get_object_or_404(selectors.proposal_visible(), pk=pk)
        return support_answer(
            request, proposal, partial(services.proposal_support_set, user=request.user, proposal=proposal)
        )
