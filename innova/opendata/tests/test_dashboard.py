"""/datos/: counts by UPZ, theme, status and month, answer times, SVG charts with tables, filters."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from innova.core import charts
from innova.opendata import registry
from innova.opendata.selectors import dashboard
from innova.problems.models import Problem
from innova.problems.services import problem_answer
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(make_problem, official):
    problem = make_problem(title="Con respuesta")
    now = timezone.now()
    Problem.objects.filter(pk=problem.pk).update(
        published_at=now - datetime.timedelta(days=10), answer_due_at=now + datetime.timedelta(days=5)
    )
    problem_answer(actor=official, problem=problem, body="Respondido")
    late = make_problem(title="Vencido", upz=Upz.objects.get(code="56"))
    Problem.objects.filter(pk=late.pk).update(answer_due_at=now - datetime.timedelta(days=1))
    return problem


def _problems(board):
    """The problems' section (other domains register theirs too)."""
    return next(counts for source, counts in board.sections if source.kind == "problems")


def test_counts_and_answer_times(answered):
    board = dashboard()
    counts = _problems(board)
    assert counts.total == 2
    assert counts.by_upz == {"56": 1, "57": 1}
    assert sum(counts.by_month.values()) == 2
    assert board.median_answer_days == pytest.approx(10, abs=0.2)
    assert board.answered_in_time_share == 50  # one answered in time, one overdue


def test_filters_by_upz_and_period(answered):
    counts = _problems(dashboard(upz_id=Upz.objects.get(code="56").pk))
    assert counts.total == 1
    future = timezone.localdate() + datetime.timedelta(days=30)
    counts = _problems(dashboard(start=future))
    assert counts.total == 0


def test_page_has_charts_with_data_tables(client, answered):
    response = client.get(reverse("opendata:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 4 and html.count("<table") >= 4
    assert "Gran Yomasa" in html and reverse("opendata:datapackage") in html


def test_bad_filters_show_a_message_and_keep_the_page(client, answered):
    response = client.get(reverse("opendata:index"), {"desde": "2026-05-01", "hasta": "2026-01-01", "upz": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_choropleth_shades_by_count():
    upzs = list(Upz.objects.all())
    svg = charts.upz_choropleth(upzs, {"57": 10, "56": 1})
    # Each urban UPZ is drawn from its official boundary (a path of many points), never as a box.
    assert svg.count("<path") == len([u for u in upzs if u.kind == "urban"]) and "<rect" not in svg
    assert charts.PALETTE[-1] in svg and "57: 10" in svg
    assert charts.bar_chart({}) == "" and "&lt;x&gt;" in charts.bar_chart({"<x>": 1})
    assert ">Inscripciones abier…<" in charts.bar_chart({"Inscripciones abiertas": 1})


def test_dashboard_queries_are_bounded(client, answered, django_assert_max_num_queries):
    # A fixed handful of grouped queries per registered source (problems needs 12), never one per row.
    with django_assert_max_num_queries(8 + 12 * len(registry.dashboard_sources())):
        client.get(reverse("opendata:index"))


def test_sections_start_with_what_residents_reported_and_end_with_who_took_part():
    from innova.opendata import registry

    kinds = [source.kind for source in registry.dashboard_sources()]
    assert kinds[:2] == ["problems", "proposals"] and kinds[-1] == "participants"


def _section_html(html: str, kind: str) -> str:
    start = html.index(f'<section aria-labelledby="section-{kind}">')
    return html[start : html.index("</section>", start)]


def test_each_section_draws_only_what_it_counts_under_titles_that_say_what(client, answered):
    html = client.get(reverse("opendata:index")).content.decode()
    problems = _section_html(html, "problems")
    assert all(title in problems for title in ("Por UPZ", "Por tema", "Por estado", "Por mes"))
    participants = _section_html(html, "participants")
    assert "Por rol" in participants and "Por UPZ donde viven" in participants
    assert "Por estado" not in participants and "Por tema" not in participants
    events = _section_html(html, "events")
    assert "Por tipo de evento" in events and "Próximos o realizados" in events
    # Courses belong to no UPZ: no map drawn blank for them, and nothing published yet says so in words.
    courses = _section_html(html, "courses")
    assert "UPZ" not in courses and "<rect" not in courses
    assert "No hay nada que contar en este periodo." in courses and "<svg" not in courses


def test_a_section_cannot_name_a_chart_the_counts_do_not_have():
    with pytest.raises(ValueError, match="colour"):
        registry.DashboardSource(kind="x", label="X", counts=lambda **_: None, charts=(("colour", "By colour"),))


def test_with_nothing_answered_the_answer_time_says_so(client, make_problem):
    make_problem(title="Sin respuesta aún")
    html = client.get(reverse("opendata:index")).content.decode()
    assert "aún sin respuestas" in html
    assert "0,0" not in html


def test_the_median_reads_as_days_in_colombian_numbers(client, answered):
    html = client.get(reverse("opendata:index")).content.decode()
    assert "días (mediana) hasta la respuesta oficial" in html
    assert "aún sin respuestas" not in html
