"""Problems in the public API (/api/v1/problems/): read for everyone, report, support and comment for members.

Reads use the same selectors as the web pages; writes call the same services, which check the permission
(``problems.report_problem``…), so the API can never allow what the web refuses. No author is ever exposed.
"""

from functools import partial

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from innova.comments.services import comment_add
from innova.core.api_docs import RATE_LIMITED, write_responses
from innova.opendata.api import AbsoluteUrlField, ApiViewMixin, ChoiceLabelField
from innova.territory.models import Upz
from innova.territory.selectors import public_point

from . import selectors, services
from .forms import ProblemApiForm
from .models import OfficialAnswer, Problem, Status, Theme


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name"]


class UpzSerializer(serializers.ModelSerializer):
    class Meta:
        model = Upz
        fields = ["code", "name"]


class AnswerSerializer(serializers.ModelSerializer):
    author_role = serializers.CharField(
        source="author_role_label", help_text=_("Position of the official who answered.")
    )

    class Meta:
        model = OfficialAnswer
        fields = ["id", "body", "author_role", "created_at"]


class ProblemSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text=_("Short code quoted by SMS or at attention points."))
    url = AbsoluteUrlField(help_text=_("Public page of the problem."))
    theme = ThemeSerializer(read_only=True)
    upz = UpzSerializer(read_only=True)
    status_label = ChoiceLabelField(Status, source="status")
    latitude = serializers.SerializerMethodField(help_text="Rounded to 0.001° (~110 m) except for staff.")
    longitude = serializers.SerializerMethodField(help_text="Rounded to 0.001° (~110 m) except for staff.")

    class Meta:
        model = Problem
        fields = [
            "id",
            "reference",
            "url",
            "title",
            "description",
            "theme",
            "upz",
            "latitude",
            "longitude",
            "status",
            "status_label",
            "support_count",
            "comment_count",
            "published_at",
            "answer_due_at",
            "answered_at",
        ]

    def _point(self, problem) -> tuple[float | None, float | None]:
        request = self.context.get("request")
        return public_point(user=request.user if request else None, lat=problem.latitude, lon=problem.longitude)

    def get_latitude(self, problem) -> float | None:
        return self._point(problem)[0]

    def get_longitude(self, problem) -> float | None:
        return self._point(problem)[1]


class ProblemDetailSerializer(ProblemSerializer):
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta(ProblemSerializer.Meta):
        fields = [*ProblemSerializer.Meta.fields, "answers"]


class ProblemReportSerializer(serializers.Serializer):
    """The report as documented; ``ProblemApiForm`` validates it with the web form's rules and Spanish messages."""

    title = serializers.CharField(max_length=140)
    description = serializers.CharField(max_length=4000)
    theme = serializers.CharField(required=False, help_text=_("Theme slug, e.g. movilidad."))
    theme_id = serializers.IntegerField(required=False, help_text=_("Or the theme's id in the web report form."))
    upz = serializers.CharField(
        required=False, allow_null=True, help_text=_("UPZ code; found from the point when omitted.")
    )
    upz_id = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Or the UPZ's id in the web report form.")
    )
    latitude = serializers.FloatField(required=False, allow_null=True)
    longitude = serializers.FloatField(required=False, allow_null=True)
    place_description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text=_("Barrio or address, seen only by the staff.")
    )
    anonymous = serializers.BooleanField(default=False, help_text=_("Publish as “Vecino/a de Usme”."))
    photos = serializers.ListField(
        child=serializers.ImageField(),
        required=False,
        max_length=4,
        help_text=_("Up to 4 JPEG, PNG or WebP photos, sent as multipart/form-data."),
    )
    photo_alt = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text=_("What the photos show; needed with photos.")
    )


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.UUID,
    OpenApiParameter.HEADER,
    description=_("A UUID chosen by the client: the same report sent again with it is created only once."),
)


class SupportSerializer(serializers.Serializer):
    supported = serializers.BooleanField(help_text=_("true to support, false to withdraw the support."))


class SupportResultSerializer(serializers.Serializer):
    supported = serializers.BooleanField()
    support_count = serializers.IntegerField()


def support_answer(request, target, support_set) -> Response:
    """Support ``target`` or withdraw the support through ``support_set(supported=…)`` (the web's service, which
    checks the permission) and answer whether it is supported now and the new count."""
    serializer = SupportSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    supported = support_set(supported=serializer.validated_data["supported"])
    target.refresh_from_db(fields=["support_count"])
    return Response({"supported": supported, "support_count": target.support_count})


class CommentSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=4000)


class CommentResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class ProblemFilter(django_filters.FilterSet):
    upz = django_filters.CharFilter(field_name="upz__code", help_text=_("UPZ code, e.g. 57."))
    theme = django_filters.CharFilter(field_name="theme__slug", help_text=_("Theme slug, e.g. movilidad."))
    status = django_filters.ChoiceFilter(choices=Status.choices)
    published_after = django_filters.DateFilter(field_name="published_at", lookup_expr="date__gte")
    published_before = django_filters.DateFilter(field_name="published_at", lookup_expr="date__lte")
    answered = django_filters.BooleanFilter(field_name="answered_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Problem
        fields = ["upz", "theme", "status", "published_after", "published_before", "answered"]


def _report_form(request) -> ProblemApiForm:
    """The report checked by the web form's rules: its Spanish messages answer 400, field by field."""
    if not isinstance(request.data, dict):
        serializers.Serializer(data=request.data).is_valid(raise_exception=True)  # DRF's "expected a dictionary"
    data = dict(request.data.items())  # one value each; not copy(): it would deep-copy the uploaded photos
    if "Idempotency-Key" in request.headers:
        data["client_key"] = request.headers["Idempotency-Key"]
    form = ProblemApiForm(data, request.FILES)
    if not form.is_valid():
        errors = form.errors.items()
        raise serializers.ValidationError({"non_field_errors" if n == NON_FIELD_ERRORS else n: e for n, e in errors})
    return form


NOT_FOUND = OpenApiResponse(description=_("No published problem with this id."))


@extend_schema(
    description=_("Published problems of Usme. Authors are never shown; ids never change.")
)  # the operations' default, in the reader's language
@extend_schema_view(
    list=extend_schema(
        summary=_("Published problems"), description=_("Newest first; filter by UPZ, theme, status, dates.")
    ),
    retrieve=extend_schema(
        summary=_("One problem with its official answers"), responses={200: ProblemDetailSerializer, 404: NOT_FOUND}
    ),
    create=extend_schema(
        summary=_("Report a problem"),
        request={"application/json": ProblemReportSerializer, "multipart/form-data": ProblemReportSerializer},
        parameters=[IDEMPOTENCY_KEY],
        responses={**write_responses(ProblemDetailSerializer, status=201), 429: RATE_LIMITED},
    ),
)
class ProblemViewSet(ApiViewMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published problems of Usme. Authors are never shown; ids never change."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    filterset_class = ProblemFilter
    ordering_fields = ["published_at", "support_count", "id"]
    ordering = ["-published_at", "-id"]

    def get_queryset(self):
        queryset = selectors.problem_visible().select_related("theme", "upz")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("answers")
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return ProblemSerializer
        if self.action == "create":
            return ProblemReportSerializer
        return ProblemDetailSerializer

    def create(self, request, *args, **kwargs):
        """Also the offline web app's way in: a report queued on a phone arrives here, maybe more than once."""
        form = _report_form(request)
        # The browser's own session is the web app (its offline queue); a key or any other client is the API.
        channel = "web" if isinstance(request.successful_authenticator, SessionAuthentication) else "api"
        problem = services.problem_report(author=request.user, channel=channel, publish=True, **form.report_kwargs())
        if problem.published_at is None:  # the same key made a draft on the web before: publish it
            services.problem_publish_draft(user=request.user, problem=problem)
        # Hidden by moderation between two sends of the same key: the author still gets the answer, not a 500.
        problem = self.get_queryset().prefetch_related("answers").filter(pk=problem.pk).first() or problem
        body = ProblemDetailSerializer(problem, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    def _visible(self, pk) -> Problem:
        return get_object_or_404(selectors.problem_visible(), pk=pk)

    @extend_schema(
        summary=_("Support a problem (“A mí también me afecta”) or withdraw the support"),
        request=SupportSerializer,
        responses=write_responses(SupportResultSerializer, not_found=NOT_FOUND),
    )
    @action(detail=True, methods=["post"])
    def support(self, request, pk=None):
        problem = self._visible(pk)
        return support_answer(
            request, problem, partial(services.problem_support_set, user=request.user, problem=problem)
        )

    @extend_schema(
        summary=_("Comment on a problem"),
        request=CommentSerializer,
        responses=write_responses(CommentResultSerializer, status=201, not_found=NOT_FOUND),
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        problem = self._visible(pk)
        serializer = CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = comment_add(author=request.user, target=problem, body=serializer.validated_data["body"])
        return Response(CommentResultSerializer(comment).data, status=status.HTTP_201_CREATED)


# The report endpoint alone, for the web report view to hand the old offline script's posts to (views.report).
problem_report_endpoint = ProblemViewSet.as_view({"post": "create"})
