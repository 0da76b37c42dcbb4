"""/buscar/: one box over every registered source, Spanish stems, accents ignored, snippets and facets."""

import pytest
from django.urls import reverse

from innova.opendata.selectors import highlight, search_everything
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(make_problem):
    return {
        "movilidad": make_problem(title="Movilidad en la vía a Usme", description="Trancones todas las mañanas."),
        "arboles": make_problem(title="Poda de árboles caídos", description="Los árboles tapan el andén."),
        "inseguro": make_problem(
            title="El parque es inseguro de noche", description="Sin luz.", upz=Upz.objects.get(code="56")
        ),
        "otro": make_problem(title="Basuras en la esquina", description="Nadie recoge."),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [("movilidad", "movilidad"), ("arboles", "arboles"), ("ÁRBOL", "arboles"), ("inseguridad", "inseguro")],
)
def test_spanish_relevance(corpus, query, expected):
    results = search_everything(q=query)
    titles = [hit.title for hit, _title, _snippet in results.hits]
    assert titles and titles[0] == corpus[expected].title
    assert corpus["otro"].title not in titles


def test_highlight_marks_stems_and_escapes():
    html = highlight("Los <b>árboles</b> del parque", "arboles")
    assert "<mark>árboles</mark>" in html and "&lt;b&gt;" in html
    assert "<mark>inseguro</mark>" in highlight("Es inseguro aquí", "inseguridad")


def test_highlight_cuts_a_snippet_around_the_match():
    text = "palabra " * 100 + "movilidad al final"
    html = highlight(text, "movilidad", length=80)
    assert html.startswith("…") and "<mark>movilidad</mark>" in html and len(html) < 140


def test_facets_by_type_and_upz(corpus):
    results = search_everything(q="inseguro parque")
    assert ("problems", 1) in [(kind, count) for kind, _label, count in results.by_kind]
    assert [name for _pk, name, _n in results.by_upz] == [str(Upz.objects.get(code="56"))]
    yomasa = Upz.objects.get(code="57")
    assert search_everything(q="inseguro", upz_id=yomasa.pk).total == 0


def test_search_page(client, corpus):
    response = client.get(reverse("search"), {"q": "arboles"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>árboles</mark>" in html and corpus["arboles"].get_absolute_url() in html
    assert client.get(reverse("search"), {"q": "x" * 500}).status_code == 200  # too long: a form error, kept
    assert client.get(reverse("search"), {"q": "movilidad", "upz": "abc", "tipo": "nada"}).status_code == 200


def test_hidden_problems_are_not_found(client, corpus, facilitator):
    from innova.comments.services import moderation_set_hidden

    moderation_set_hidden(actor=facilitator, target=corpus["arboles"], hidden=True, reason="Spam")
    assert search_everything(q="arboles").total == 0


def test_search_queries_are_bounded(client, corpus, django_assert_max_num_queries):
    from innova.opendata import registry

    # Per source: its counts by UPZ (the facets) and, only where something matched, its best rows.
    with django_assert_max_num_queries(3 + 2 * len(registry.search_sources())):
        client.get(reverse("search"), {"q": "parque"})
