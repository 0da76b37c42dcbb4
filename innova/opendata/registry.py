"""What each domain publishes: its open dataset, its API endpoints, its search source and its dashboard counts.

The transparency features (`/datos/`, `/api/v1/`, `/buscar/`) know no domain by name. Each domain app describes
what it makes public in a module ``innova/<app>/public.py`` that calls the ``register_*`` functions below; the
opendata app imports every such module when Django starts (``autodiscover``), the way the admin finds
``admin.py``. Adding proposals, debates or events to the open data, the API, the search and the dashboard is one
new ``public.py`` in that app — see docs/ARCHITECTURE.md, "Open data".

Rules every registration follows: the queryset holds only public rows (published, not hidden by moderation);
no field carries personal data (names of anonymous authors, e-mails, phones, exact user ids); ids are the
database primary keys, which never change.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter, methodcaller
from typing import Any, get_args, get_type_hints

from django.db.models import Count, IntegerField, QuerySet, Value
from django.db.models.functions import TruncMonth
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Frictionless Table Schema field types used by our datasets.
FIELD_TYPES = {"integer", "number", "string", "boolean", "datetime", "date"}


@dataclass(frozen=True)
class DatasetField:
    name: str
    type: str  # a Frictionless Table Schema type, see FIELD_TYPES
    description: str
    value: Callable[[Any], Any]  # row → value (None for empty)
    required: bool = False

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            raise ValueError(f"Unknown field type {self.type!r} for {self.name}")


@dataclass(frozen=True)
class Dataset:
    """A public table exported as CSV and JSON and described in datapackage.json."""

    name: str  # lower-case, [a-z0-9_-]: the resource name and the file name
    title: str
    description: str
    rows: Callable[[], QuerySet | list]  # every public row, in a stable order (by id)
    fields: tuple[DatasetField, ...]
    primary_key: str = "id"


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    kind: str  # the source's kind, for the facet
    title: str
    body: str
    url: str
    status: str
    upz_id: int | None = None  # kinds that belong to no UPZ give neither
    upz_name: str = ""
    date: Any


@dataclass(frozen=True)
class SearchSource:
    """One kind of content the site-wide search covers.

    ``search(q)`` returns a queryset already filtered by the words of ``q`` (Spanish stems, accents ignored),
    ordered by relevance, with an ``upz_id`` (annotated where the UPZ is not the row's own column) unless
    ``has_upz`` is False. ``describe(row)`` gives the hit's title, body, status and date, and its ``upz_id`` and
    ``upz_name`` when it has a UPZ; the source adds its kind and the row's page.
    """

    kind: str
    label: str  # plural, translatable: "Problems"
    search: Callable[[str], QuerySet]
    describe: Callable[[Any], dict[str, Any]]
    has_upz: bool = True

    def matches(self, q: str, upz_id: int | None) -> QuerySet:
        """The matches of ``q``, only those of the UPZ ``upz_id`` when given."""
        queryset = self.search(q)
        return in_upz(queryset, upz_id) if self.has_upz else without_upz(queryset, upz_id)

    def hit(self, row) -> SearchHit:
        return SearchHit(kind=self.kind, url=row.get_absolute_url(), **self.describe(row))


def in_upz(queryset: QuerySet, upz_id: int | None) -> QuerySet:
    """The rows of the UPZ ``upz_id`` (by their ``upz_id``) when the search or the dashboard is narrowed to one,
    all of them otherwise."""
    return queryset.filter(upz_id=upz_id) if upz_id else queryset


def without_upz(queryset: QuerySet, upz_id: int | None) -> QuerySet:
    """Search matches of a kind that belongs to no UPZ: ``upz_id`` annotated as None (the search facets count by
    it), and none at all when the search is narrowed to one UPZ."""
    queryset = queryset.annotate(upz_id=Value(None, output_field=IntegerField()))
    return queryset.none() if upz_id else queryset


@dataclass(frozen=True)
class ApiEndpoint:
    prefix: str  # URL segment under /api/v1/
    viewset: type
    basename: str


# The dashboard's charts of a section: which DashboardCounts dimension each draws, and its title.
CHART_DIMENSIONS = ("upz", "theme", "status", "month")
DEFAULT_CHARTS = (("upz", _("By UPZ")), ("theme", _("By theme")), ("status", _("By status")), ("month", _("By month")))


@dataclass(frozen=True)
class DashboardSource:
    """Counts for the transparency dashboard. ``counts(period_start, period_end, upz_id)`` → DashboardCounts."""

    kind: str
    label: str
    counts: Callable[..., "DashboardCounts"]
    # Where the section comes on /datos/ and in the monthly report (lower first; ties keep registration order,
    # which follows INSTALLED_APPS): what residents reported comes first, who took part comes last.
    position: int = 50
    # The charts the section draws, in order, with titles that say what is counted ("By role" for people's
    # "status"). A dimension the domain never counts is left out, so no empty chart stands for it (courses
    # belong to no UPZ).
    charts: tuple[tuple[str, Any], ...] = DEFAULT_CHARTS

    def __post_init__(self):
        unknown = {dimension for dimension, _title in self.charts} - set(CHART_DIMENSIONS)
        if unknown:
            raise ValueError(f"Unknown dashboard chart dimensions for {self.kind}: {sorted(unknown)}")

    @property
    def chart_titles(self) -> dict[str, Any]:
        """Dimension → title of the charts the section draws; a dimension missing has no chart."""
        return dict(self.charts)


@dataclass
class DashboardCounts:
    total: int = 0
    by_upz: dict[str, int] = field(default_factory=dict)  # UPZ code → count
    by_theme: dict[str, int] = field(default_factory=dict)  # label → count
    by_status: dict[str, int] = field(default_factory=dict)  # label → count
    by_month: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" → count
    # Official answers (for domains that get them): days from the threshold to the answer.
    answer_days: list[float] = field(default_factory=list)
    answered_in_time: int = 0
    answers_due: int = 0  # answered + still pending, among those that reached the threshold
    extra: dict[str, int] = field(default_factory=dict)  # more figures to show: translatable label → number


def iso(value) -> str | None:
    """A date or datetime as a dataset value: ISO 8601, or None when empty."""
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Column:
    """A dataset column that the domain's API serializer declares too: ``dataset_fields`` takes its type and its
    value from the serializer's field. ``value`` only where the file shows it otherwise (rounded, empty for "")."""

    name: str
    description: str  # the data package's own, published in datapackage.json
    required: bool = False
    value: Callable[[Any], Any] | None = None


# Serializer field → Table Schema type; any other field (text, choices, URLs) is a string.
_SERIALIZER_TYPES = (
    (serializers.BooleanField, "boolean"),
    (serializers.IntegerField, "integer"),
    (serializers.FloatField, "number"),
    (serializers.DecimalField, "number"),
    (serializers.DateTimeField, "datetime"),
    (serializers.DateField, "date"),
)
# A SerializerMethodField's type is its method's return annotation (as in the OpenAPI schema).
_PYTHON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


def _serializer_type(serializer, field) -> str:
    if isinstance(field, serializers.SerializerMethodField):
        hint = get_type_hints(getattr(serializer, field.method_name)).get("return", str)
        kinds = [kind for kind in get_args(hint) if kind is not type(None)] or [hint]
        return _PYTHON_TYPES.get(kinds[0], "string")
    return next((kind for cls, kind in _SERIALIZER_TYPES if isinstance(field, cls)), "string")


def _attribute(model, source: str, kind: str) -> Callable[[Any], Any]:
    """A plain getter of the field's ``source``: running the serializer per row would slow the export down."""
    if callable(getattr(model, source, None)):
        return methodcaller(source)  # get_absolute_url
    read = attrgetter(source)
    if kind in ("datetime", "date"):
        return lambda row: iso(read(row))
    return read


def dataset_fields(serializer_class: type, *columns: "Column | DatasetField") -> tuple[DatasetField, ...]:
    """A dataset's fields in order: a ``Column`` the API serializer declares (name, type and value from it), or a
    ``DatasetField`` written out where the file has a column the API lacks or shows another way (nested there)."""
    serializer = serializer_class()
    model = serializer_class.Meta.model
    fields = []
    for column in columns:
        if isinstance(column, DatasetField):
            fields.append(column)
            continue
        declared = serializer.fields[column.name]
        kind = _serializer_type(serializer, declared)
        if column.value is None and declared.source == "*":
            raise ValueError(f"Column {column.name} of {serializer_class.__name__} needs a value getter")
        value = column.value or _attribute(model, declared.source, kind)
        fields.append(DatasetField(column.name, kind, column.description, value, column.required))
    return tuple(fields)


def supports_by_month(noun: str, *, title: str, supports: Callable[[], QuerySet]) -> Dataset:
    """How many people supported each public ``noun`` (problem, proposal) each month, as the dataset
    ``<noun>_supports``: ``supports()`` gives the support rows of the public ones, whose ``<noun>_id`` is the id in
    the ``<noun>s`` dataset. Aggregated: who supported is never published."""
    target = f"{noun}_id"

    def rows():
        per_month = supports().annotate(month=TruncMonth("created_at")).values(target, "month")
        return per_month.annotate(supports=Count("id")).order_by(target, "month")

    fields = (
        DatasetField(target, "integer", f"The {noun} supported ({noun}s.id).", itemgetter(target), True),
        DatasetField(
            "month", "string", "Month of the supports, YYYY-MM.", lambda r: r["month"].strftime("%Y-%m"), True
        ),
        DatasetField(
            "supports",
            "integer",
            "Supports given that month (who supported is never published).",
            itemgetter("supports"),
            True,
        ),
    )
    description = f"How many people supported each {noun} each month (aggregated; supporters are never published)."
    return Dataset(
        name=f"{noun}_supports", title=title, description=description, rows=rows, fields=fields, primary_key=""
    )


# Helpers for the dashboard counts every domain computes the same way.


def in_period(queryset: QuerySet, field_name: str, start=None, end=None) -> QuerySet:
    """Rows whose ``field_name`` falls on a day (Bogotá's) between ``start`` and ``end``, both optional and included."""
    if start:
        queryset = queryset.filter(**{f"{field_name}__date__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field_name}__date__lte": end})
    return queryset


def count_in_period(queryset: QuerySet, start=None, end=None, *, field_name: str = "created_at") -> int:
    """How many rows were given (created, unless ``field_name`` says another date) in the period."""
    return in_period(queryset, field_name, start, end).count()


def count_by(queryset: QuerySet, field_name: str) -> dict[Any, int]:
    """Rows per value of ``field_name`` (in the value's order); rows without a value are left out."""
    rows = queryset.values(field_name).annotate(n=Count("id")).order_by(field_name)
    return {row[field_name]: row["n"] for row in rows if row[field_name] is not None}


def count_by_month(queryset: QuerySet, field_name: str) -> dict[str, int]:
    """Rows per month ("YYYY-MM", Bogotá's months) of the date in ``field_name``."""
    rows = queryset.annotate(month=TruncMonth(field_name)).values("month").annotate(n=Count("id")).order_by("month")
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows if row["month"]}


_datasets: dict[str, Dataset] = {}
_search_sources: dict[str, SearchSource] = {}
_api_endpoints: dict[str, ApiEndpoint] = {}
_dashboard_sources: dict[str, DashboardSource] = {}


def register_dataset(dataset: Dataset) -> None:
    _datasets[dataset.name] = dataset


def register_search(source: SearchSource) -> None:
    _search_sources[source.kind] = source


def register_api(prefix: str, viewset: type, *, basename: str) -> None:
    _api_endpoints[prefix] = ApiEndpoint(prefix=prefix, viewset=viewset, basename=basename)


def register_dashboard(source: DashboardSource) -> None:
    _dashboard_sources[source.kind] = source


def datasets() -> list[Dataset]:
    return list(_datasets.values())


def dataset(name: str) -> Dataset | None:
    return _datasets.get(name)


def search_sources() -> list[SearchSource]:
    return list(_search_sources.values())


def api_endpoints() -> list[ApiEndpoint]:
    return list(_api_endpoints.values())


def dashboard_sources() -> list[DashboardSource]:
    return sorted(_dashboard_sources.values(), key=lambda source: source.position)


def autodiscover() -> None:
    """Import ``public.py`` of every installed app: each registers what it publishes."""
    autodiscover_modules("public")
