import csv
import io
import random

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from innova.surveys import exports, selectors, services
from innova.surveys.models import Response
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


def _answer(survey, s, *, key, feels_safe, upz, text="", fear=4, places=(0,), user=None):
    """Answer through the services, as the pages do."""
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    services.response_section_save(
        user=user,
        survey=survey,
        respondent_key=key,
        section=s.s1,
        values={str(s.upz.pk): upz.pk, str(s.safe.pk): 0 if feels_safe else 1},
    )
    if not feels_safe:
        services.response_section_save(
            user=user,
            survey=survey,
            respondent_key=key,
            section=s.s2,
            values={str(s.places.pk): list(places), str(s.fear.pk): fear},
        )
    response = services.response_section_save(
        user=user,
        survey=survey,
        respondent_key=key,
        section=s.s3,
        values={
            str(s.comment.pk): text or None,
            str(s.number.pk): 10.0,
            str(s.matrix.pk): {"0": 7, "1": 3},
            str(s.ranking.pk): {"0": 1, "1": 2, "2": 3},
            str(s.date.pk): "2026-10-01",
            str(s.why_safe.pk): "Vecinos" if feels_safe else None,
        },
    )
    return services.response_submit(user=user, survey=survey, response=response)


@pytest.fixture
def answered(make_survey):
    """A survey with 12 answers in UPZ 57 (8 feel unsafe) and 3 in UPZ 58."""
    s = make_survey()
    upz57, upz58 = Upz.objects.get(code="57"), Upz.objects.get(code="58")
    for n in range(12):
        _answer(
            s.survey,
            s,
            key=f"k{n}",
            feels_safe=n < 4,
            upz=upz57,
            text="Falta alumbrado" if n % 2 else "Robos",
            fear=5 if n % 2 else 3,
            places=(0, 1) if n % 3 else (2,),
        )
    for n in range(3):
        _answer(s.survey, s, key=f"o{n}", feels_safe=False, upz=upz58, text="Nada")
    s.survey.refresh_from_db()
    s.upz57, s.upz58 = upz57, upz58
    return s


def test_counts_percentages_and_hidden_questions(answered):
    s = answered
    data = selectors.survey_results(survey=s.survey)
    assert data["total"] == 15 and not data["suppressed"]
    by_question = {r.question.pk: r for r in data["questions"]}
    safe = by_question[s.safe.pk]
    assert [(b.label, b.count, b.percent) for b in safe.bars] == [("Sí", 4, 26.7), ("No", 11, 73.3)]
    # Only the 11 people who felt unsafe saw the multiple choice; percentages are over them.
    places = by_question[s.places.pk]
    assert places.answered == 11
    assert {b.label: b.count for b in places.bars} == {"Parque": 9, "Paradero": 6, "Calle": 2, "Casa": 0}
    fear = by_question[s.fear.pk]
    assert fear.answered == 11 and fear.mean == round((4 * 5 + 4 * 3 + 3 * 4) / 11, 2)
    assert by_question[s.why_safe.pk].answered == 4  # the hidden question counts only who saw it
    number = by_question[s.number.pk]
    assert (number.mean, number.minimum, number.maximum) == (10.0, 10.0, 10.0)
    matrix = by_question[s.matrix.pk]
    assert matrix.rows[0][0] == "Alumbrado" and {b.label: b.count for b in matrix.rows[0][1]}["7"] == 15
    ranking = by_question[s.ranking.pk]
    assert ranking.bars[0].label.startswith("Luz") and ranking.bars[0].percent == 100.0


def test_results_are_cached_until_a_new_response(answered, django_assert_max_num_queries):
    s = answered
    cache.clear()
    selectors.survey_results(survey=s.survey)
    with django_assert_max_num_queries(0):
        selectors.survey_results(survey=s.survey)
    _answer(s.survey, s, key="late", feels_safe=True, upz=s.upz58)
    s.survey.refresh_from_db()
    assert selectors.survey_results(survey=s.survey)["total"] == 16


def test_small_groups_are_suppressed(answered):
    s = answered
    small = selectors.survey_results(survey=s.survey, filters=selectors.Filters(upz_id=s.upz58.pk))
    assert small["suppressed"] and small["questions"] == []
    big = selectors.survey_results(survey=s.survey, filters=selectors.Filters(upz_id=s.upz57.pk))
    assert big["total"] == 12 and not big["suppressed"]
    # Cross-tabulation: cells under 5 people are hidden (None), zeros and large cells shown.
    table = selectors.survey_crosstab(survey=s.survey, first=s.safe, second=s.upz)["table"]
    cells = dict(table)
    assert cells["Sí"] == [None, 0] and cells["No"] == [8, None]


def test_results_page_filters_and_suppression_in_html(client, answered, facilitator):
    s = answered
    client.force_login(facilitator)
    url = reverse("surveys:results", args=[s.survey.slug])
    html = client.get(url).content.decode()
    assert '<svg class="chart"' in html and "73,3" in html and "15 respuestas" in html
    html = client.get(url, {"upz": s.upz58.pk}).content.decode()
    assert "Menos de 5 personas cumplen estos filtros" in html and '<svg class="chart"' not in html
    html = client.get(url, {"filas": s.safe.pk, "columnas": s.upz.pk}).content.decode()
    assert 'class="crosstab"' in html and "&lt;5" in html


def test_free_text_search_is_for_staff(client, answered, facilitator, citizen):
    s = answered
    url = reverse("surveys:free_text", args=[s.survey.slug, s.comment.pk])
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(facilitator)
    html = client.get(url, {"q": "alumbrado"}).content.decode()
    assert "6 respuestas" in html and "Robos" not in html


def test_public_results_only_after_closing_when_enabled(client, answered, citizen):
    import datetime

    from django.utils import timezone

    s = answered
    url = reverse("surveys:results", args=[s.survey.slug])
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    s.survey.results_public = True
    s.survey.save()
    assert client.get(url).status_code == 403  # still open
    s.survey.closes_at = timezone.now() - datetime.timedelta(hours=1)
    s.survey.save()
    html = client.get(url).content.decode()
    assert '<svg class="chart"' in html and "Leer y buscar" not in html  # free text stays with staff


def test_export_columns_match_the_codebook_and_xlsx_opens(client, answered, facilitator):
    s = answered
    client.force_login(facilitator)
    columns = exports.export_columns(survey=s.survey)
    book = load_workbook(io.BytesIO(client.get(reverse("surveys:export_xlsx", args=[s.survey.slug])).content))
    responses, codebook = book.worksheets[0], book.worksheets[1]
    header = [cell.value for cell in next(responses.iter_rows(max_row=1))]
    codes = [row[0] for row in codebook.iter_rows(min_row=2, values_only=True)]
    assert header == codes == [c.name for c in columns]
    assert responses.max_row == 16  # header + 15 responses
    # Multiple choice: one 0/1 column per option; single choice coded 1..n as the codebook says.
    assert {"q3_1", "q3_2", "q3_3", "q3_4", "q5_1", "q5_2", "q6_1", "q6_2", "q6_3"} <= set(header)
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(client.get(reverse("surveys:export_csv", args=[s.survey.slug])).streaming_content).decode()
            )
        )
    )
    assert rows[0] == header and len(rows) == 16
    first = dict(zip(header, rows[1], strict=True))
    assert first["q2"] == "1" and first["q3_1"] == "0" and first["q10"] == "Vecinos" and first["q1"] == "Gran Yomasa"
    last = dict(zip(header, rows[-1], strict=True))
    assert last["q2"] == "2" and last["q3_1"] == "1" and last["q10"] == "" and last["q5_1"] == "7"


def test_exports_and_pdf_are_for_staff(client, answered, citizen, facilitator):
    s = answered
    client.force_login(citizen)
    assert client.get(reverse("surveys:export_csv", args=[s.survey.slug])).status_code == 403
    client.force_login(facilitator)
    pdf = client.get(reverse("surveys:results_pdf", args=[s.survey.slug]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert '<svg class="chart"' in client.get(reverse("surveys:results_print", args=[s.survey.slug])).content.decode()


def test_results_page_query_count(client, answered, facilitator, django_assert_max_num_queries):
    client.force_login(facilitator)
    url = reverse("surveys:results", args=[answered.survey.slug])
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url)
    assert Response.objects.count() == 15
    random  # noqa: B018


def test_adding_new_answers_to_cached_counts_equals_a_full_recount(answered):
    s = answered
    for filters in (selectors.Filters(), selectors.Filters(upz_id=s.upz57.pk)):
        selectors.survey_results(survey=s.survey, filters=filters)  # cached before the new responses
    for n in range(4):
        _answer(s.survey, s, key=f"new{n}", feels_safe=n % 2 == 0, upz=s.upz57, places=(1, 3), fear=1)
    s.survey.refresh_from_db()

    def flat(data):
        return [(r.question.pk, r.answered, [(b.label, b.count) for b in r.bars], r.mean) for r in data["questions"]]

    for filters in (selectors.Filters(), selectors.Filters(upz_id=s.upz57.pk)):
        incremental = selectors.survey_results(survey=s.survey, filters=filters)
        cache.clear()
        assert flat(incremental) == flat(selectors.survey_results(survey=s.survey, filters=filters))
    assert selectors.survey_results(survey=s.survey)["total"] == 19
