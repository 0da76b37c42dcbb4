"""The monthly report for the Alcaldía: a PDF (WeasyPrint) built from the same counts as the dashboard."""

import calendar
import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from innova.core import charts
from innova.core.pdf import pdf_render
from innova.territory.models import Upz

from . import selectors

FOLDER = "informes"


def previous_month(today: datetime.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return first.year, first.month


def report_context(*, year: int, month: int) -> dict:
    start = datetime.date(year, month, 1)
    end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    board = selectors.dashboard(start=start, end=end)
    upzs = list(Upz.objects.all())
    names = {u.code: str(u) for u in upzs}
    sections = []
    for source, counts in board.sections:
        # The report keeps to two tables a section, by UPZ and by status, under the titles the dashboard uses;
        # by UPZ it draws the map of the official boundaries (the table below it holds every figure, rural included).
        titles = source.chart_titles
        by_upz = {names.get(code, code): n for code, n in counts.by_upz.items()}
        tables = [
            (titles[dimension], chart, list(data.items()))
            for dimension, data, chart in (
                ("upz", by_upz, charts.upz_choropleth(upzs, counts.by_upz) if by_upz else ""),
                ("status", counts.by_status, charts.bar_chart(counts.by_status)),
            )
            if dimension in titles
        ]
        sections.append({"source": source, "counts": counts, "tables": tables})
    return {
        "year": year,
        "month": month,
        "start": start,
        "end": end,
        "board": board,
        "sections": sections,
        "activity": selectors.month_activity(start=start, end=end),
        "generated_at": timezone.now(),
    }


def report_pdf(*, year: int, month: int) -> bytes:
    with translation.override("es"):
        return pdf_render("opendata/report_pdf.html", report_context(year=year, month=month))


def report_path(year: int, month: int) -> str:
    return f"{FOLDER}/informe-usme-innova-{year}-{month:02d}.pdf"


def report_store(*, year: int, month: int) -> str:
    path = report_path(year, month)
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(report_pdf(year=year, month=month)))
    return path
