"""Survey results in the open data and responses on the dashboard: aggregates of released results only."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from innova.opendata.selectors import dashboard
from innova.opendata.services import FOLDER, opendata_export
from innova.surveys import public, selectors, services
from innova.surveys.models import Access
from innova.territory.models import Upz

from .test_results_and_exports import _answer

pytestmark = pytest.mark.django_db


def _close(s, **fields):
    past = timezone.now() - datetime.timedelta(minutes=1)
    return services.survey_update(actor=s.author, survey=s.survey, closes_at=past, **fields)


@pytest.fixture
def surveys(make_survey):
    """Four answered surveys; only the first is closed with public results and reachable without a link."""
    upz57, upz58 = Upz.objects.get(code="57"), Upz.objects.get(code="58")
    made = {}
    for slug in ("publica", "abierta", "privada", "enlace"):
        s = made[slug] = make_survey(slug=slug)
        _answer(s.survey, s, key="a", feels_safe=True, upz=upz57, text="Me llamo Ana y vivo en la calle 5")
        _answer(s.survey, s, key="b", feels_safe=False, upz=upz58, places=(0, 2))
        _answer(s.survey, s, key="c", feels_safe=False, upz=upz57, places=(2,))
    _close(made["publica"], results_public=True)
    services.survey_update(actor=made["abierta"].author, survey=made["abierta"].survey, results_public=True)
    _close(made["privada"], results_public=False)
    _close(made["enlace"], results_public=True, access=Access.LINK)
    return made


def test_only_released_results_reachable_without_a_link_are_published(surveys):
    assert [s.slug for s in selectors.survey_results_public_list()] == ["publica"]
    assert {row["survey"].slug for row in public._result_rows()} == {"publica"}


def test_rows_count_each_option_and_never_free_text(surveys):
    s = surveys["publica"]
    rows = [{f.name: f.value(row) for f in public.RESULT_FIELDS} for row in public._result_rows()]
    safe = {r["option"]: r["answers"] for r in rows if r["question_id"] == s.safe.pk}
    assert safe == {"Sí": 1, "No": 2}
    places = {r["option"]: (r["answers"], r["answered"]) for r in rows if r["question_id"] == s.places.pk}
    assert places["Calle"] == (2, 2) and places["Parque"] == (1, 2) and places["Casa"] == (0, 2)
    matrix = {(r["row"], r["option"]): r["answers"] for r in rows if r["question_id"] == s.matrix.pk}
    assert matrix[("Alumbrado", "7")] == 3 and matrix[("Policía", "3")] == 3
    kinds = {r["question_kind"] for r in rows}
    assert kinds == {"upz", "single", "multiple", "scale", "matrix"}  # no text, date, number or ranking rows
    assert all(r["survey_responses"] == 3 for r in rows)
    opendata_export()
    text = default_storage.open(f"{FOLDER}/survey_results.csv").read().decode()
    assert "Me llamo Ana" not in text and "Vecinos" not in text and "¿Se siente seguro/a?" in text


def test_dashboard_counts_responses_by_month_and_upz(surveys):
    counts = {source.kind: counts for source, counts in dashboard().sections}["surveys"]
    assert counts.total == 12
    assert counts.by_upz == {"57": 8, "58": 4}
    assert counts.by_month == {timezone.localtime().strftime("%Y-%m"): 12}
    assert list(counts.extra.values()) == [4]
    upz58 = {s.kind: c for s, c in dashboard(upz_id=Upz.objects.get(code="58").pk).sections}["surveys"]
    assert upz58.total == 4 and upz58.by_upz == {"58": 4}
