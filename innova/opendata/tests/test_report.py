"""The monthly PDF report: built from the data, for officials and staff, stored by the task on the 1st."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from innova.opendata import report
from innova.opendata.tasks import opendata_monthly_report
from innova.problems.services import problem_answer

pytestmark = pytest.mark.django_db


def test_previous_month():
    assert report.previous_month(datetime.date(2026, 1, 1)) == (2025, 12)
    assert report.previous_month(datetime.date(2026, 11, 30)) == (2026, 10)


def test_context_counts_the_month(make_problem, official):
    problem = make_problem(title="Del mes")
    problem_answer(actor=official, problem=problem, body="Respuesta")
    today = timezone.localdate()
    context = report.report_context(year=today.year, month=today.month)
    (section,) = [s for s in context["sections"] if s["source"].kind == "problems"]
    assert section["counts"].total == 1
    assert 1 in section["counts"].extra.values()  # the official answer given this month
    assert all(s["counts"].total == 0 for s in report.report_context(year=2021, month=1)["sections"])


def test_report_tables_carry_the_dashboard_titles_and_skip_what_a_domain_does_not_count():
    today = timezone.localdate()
    sections = {s["source"].kind: s for s in report.report_context(year=today.year, month=today.month)["sections"]}
    titles = {kind: [str(title) for title, _chart, _rows in s["tables"]] for kind, s in sections.items()}
    assert titles["problems"] == ["Por UPZ", "Por estado"]
    assert titles["participants"] == ["Por UPZ donde viven", "Por rol"]
    assert titles["courses"] == ["Inscripciones abiertas o cerradas"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("citizen", 403), ("unverified_official", 403), ("official", 200), ("facilitator", 200)],
)
def test_pdf_download_permissions(client, request, make_problem, role, expected):
    make_problem()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    today = timezone.localdate()
    response = client.get(reverse("opendata:report"), {"mes": f"{today.year}-{today.month:02d}"})
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_bad_month_keeps_the_form_with_a_message(client, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse("opendata:report"), {"mes": "octubre"})
    assert response.status_code == 200 and response.context["form"].errors["mes"]
    response = client.get(reverse("opendata:report"), {"mes": "2999-01"})
    assert response.context["form"].errors["mes"]


def test_task_on_the_first_stores_last_month(settings):
    path = opendata_monthly_report()
    assert default_storage.exists(path)
    year, month = report.previous_month()
    assert path.endswith(f"{year}-{month:02d}.pdf")
    entry = settings.CELERY_BEAT_SCHEDULE["opendata-monthly-report"]
    assert entry["task"] == "innova.opendata.tasks.opendata_monthly_report"


def test_report_text_reads_as_spanish_without_gender_slips():
    """Not "Propuestas: nuevos en el mes" nor "del 1 diciembre 2026"."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("es"):
        html = render_to_string("opendata/report_pdf.html", report.report_context(year=2026, month=12))
    assert "del 1 de diciembre de 2026 al 31 de diciembre de 2026" in html
    assert "Propuestas del mes" in html and "Lluvias de ideas del mes" in html
    assert "nuevos" not in html


def test_the_monthly_report_maps_problems_on_the_official_upz_boundaries(make_problem):
    make_problem(title="En Gran Yomasa")
    today = timezone.localdate()
    (section,) = [
        s
        for s in report.report_context(year=today.year, month=today.month)["sections"]
        if s["source"].kind == "problems"
    ]
    title, chart, rows = section["tables"][0]
    # Seven UPZ shapes drawn from their boundaries, Gran Yomasa labelled with its count; the table keeps the figures.
    assert chart.count("<path") == 7 and "57: 1" in chart and "<rect" not in chart
    assert ("57 Gran Yomasa", 1) in rows
