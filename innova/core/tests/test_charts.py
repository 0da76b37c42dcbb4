"""The one chart engine: labels escaped by the templates, coordinates written with a dot whatever the language."""

from types import SimpleNamespace

from django.utils import translation

from innova.core import charts


def test_labels_are_escaped_and_cut_with_an_ellipsis():
    svg = charts.bar_chart({"<script>alert(1)</script>": 3, "Inscripciones abiertas": 1})
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert ">Inscripciones abier…<" in svg


def test_numbers_inside_the_drawing_keep_a_decimal_point_in_spanish():
    with translation.override("es-co"):
        svg = charts.column_chart({"2026-01": 1, "2026-02": 3, "2026-03": 2})
        bars = charts.percent_bars([SimpleNamespace(label="Sí", percent=73.3, score=False)], "¿Le sirve?")
    assert 'height="30.0"' in svg and "," not in svg.split("<text")[0]
    assert 'width="175.9"' in bars and ">73%<" in bars and 'aria-label="¿Le sirve?"' in bars


def test_a_score_bar_prints_no_percentage_and_nothing_to_draw_draws_nothing():
    bars = charts.percent_bars([SimpleNamespace(label="Puntaje", percent=50.0, score=True)], "Puntaje")
    assert "%" not in bars.split("</text>", 1)[1]
    assert charts.bar_chart({}) == "" and charts.column_chart({}) == ""
