from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from drf_spectacular.generators import SchemaGenerator

from innova.core import charts
from innova.core.permissions import require_perm
from innova.territory.models import Upz

from . import registry, report, selectors, services
from .forms import DashboardFilterForm, ReportMonthForm, SearchForm

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def index(request):
    """The transparency dashboard: counts by UPZ, theme, status and month, answer times, the UPZ map."""
    form = DashboardFilterForm(request.GET or None)
    start, end, upz = form.period() if form.is_valid() else (None, None, None)
    board = selectors.dashboard(start=start, end=end, upz_id=upz.pk if upz else None)
    upzs = list(Upz.objects.all())
    names = {u.code: str(u) for u in upzs}
    sections = []
    for source, counts in board.sections:
        titles = source.chart_titles
        drawn = (
            ("theme", charts.bar_chart, counts.by_theme),
            ("status", charts.bar_chart, counts.by_status),
            ("month", charts.column_chart, counts.by_month),
        )
        sections.append(
            {
                "source": source,
                "counts": counts,
                "upz_title": titles.get("upz"),
                "by_upz": [(names.get(code, code), n) for code, n in counts.by_upz.items()],
                "map": charts.upz_choropleth(upzs, counts.by_upz) if "upz" in titles and counts.by_upz else "",
                "charts": [(titles[dim], draw(data), data) for dim, draw, data in drawn if dim in titles],
            }
        )
    return render(
        request,
        "opendata/index.html",
        {
            "form": form,
            "board": board,
            "sections": sections,
            "datasets": registry.datasets(),
            "export": services.Export.objects.filter(finished_at__isnull=False).first(),
            "can_export": request.user.has_perm("opendata.export_now"),
        },
    )


def _ensure_files() -> None:
    if not default_storage.exists(f"{services.FOLDER}/datapackage.json"):
        services.opendata_export()


def datapackage(request):
    _ensure_files()
    handle = default_storage.open(f"{services.FOLDER}/datapackage.json", "rb")
    return FileResponse(handle, content_type="application/json")


def download(request, name: str, fmt: str):
    if registry.dataset(name) is None or fmt not in CONTENT_TYPES:
        raise Http404
    _ensure_files()
    path = f"{services.FOLDER}/{name}.{fmt}"
    if not default_storage.exists(path):  # registered after the last export
        services.opendata_export()
    handle = default_storage.open(path, "rb")
    return FileResponse(handle, content_type=CONTENT_TYPES[fmt], as_attachment=True, filename=f"{name}.{fmt}")


@login_required
@require_POST
def export_now(request):
    services.opendata_export(user=request.user)
    messages.success(request, _("The open-data files were generated again."))
    return redirect("opendata:index")


def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        results = selectors.search_everything(
            q=data["q"], kind=data.get("tipo") or "", upz_id=data["upz"].pk if data.get("upz") else None
        )
    query = request.GET.copy()
    return render(
        request,
        "opendata/search.html",
        {"form": form, "results": results, "sources": registry.search_sources(), "query": query},
    )


def api_docs(request):
    """The API reference, rendered on the server from the OpenAPI schema (no JavaScript, no CDN), in the visitor's
    language (Spanish unless they chose English); ``?lang=en`` or ``?lang=es`` asks for one, as the schema does."""
    asked = request.GET.get("lang", "")
    language = {"es": "es-co"}.get(asked, asked)
    if language not in dict(settings.LANGUAGES):
        return _api_docs(request)
    with translation.override(language):
        return _api_docs(request)


def _api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            responses = [(code, r.get("description", "")) for code, r in operation.get("responses", {}).items()]
            operations.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "summary": operation.get("summary") or operation.get("operationId"),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "responses": responses,
                    "anchor": operation.get("operationId", ""),
                }
            )
    return render(request, "opendata/api_docs.html", {"schema": schema, "operations": operations})


@login_required
def monthly_report(request):
    """Staff and officials choose a month; the PDF is built from the data (or taken from the stored copy)."""
    require_perm(request.user, "opendata.view_report")
    year, month = report.previous_month()
    form = ReportMonthForm(request.GET or None, initial={"mes": f"{year}-{month:02d}"})
    if form.is_valid():
        month = form.cleaned_data["mes"]
        path = report.report_path(month.year, month.month)
        if default_storage.exists(path):
            pdf = default_storage.open(path, "rb").read()
        else:
            pdf = report.report_pdf(year=month.year, month=month.month)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{path.rsplit("/", 1)[-1]}"'
        return response
    return render(request, "opendata/report.html", {"form": form})
