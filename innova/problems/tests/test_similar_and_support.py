"""Similar problems before publishing, and reviewing a draft (supporting a problem: tests/test_supports.py)."""

import pytest
from django.urls import reverse

from innova.problems.models import Problem

pytestmark = pytest.mark.django_db


def test_similar_problems_handle_accents_plurals_and_stop_words(client, make_problem):
    original = make_problem(title="Árboles caídos en el parque de Santa Librada", description="Dos árboles cayeron.")
    make_problem(title="Ruido de bares en Betania", description="Música a alto volumen.")
    response = client.get(reverse("problems:similar"), {"title": "arbol caido parque santa librada"})
    html = response.content.decode()
    assert original.title in html
    assert "Ruido de bares" not in html
    # Only stop words: nothing similar.
    assert client.get(reverse("problems:similar"), {"title": "de la el en"}).content.decode().strip() == ""


def test_report_with_similar_asks_before_publishing_and_can_support_instead(client, citizen, make_problem, theme, upz):
    original = make_problem(title="Huecos en la vía a Usme Pueblo", description="Huecos profundos en la vía.")
    client.force_login(citizen)
    response = client.post(
        reverse("problems:report"),
        {
            "title": "Hueco en la via a Usme pueblo",
            "description": "Un hueco profundo.",
            "theme": theme.pk,
            "upz": upz.pk,
        },
    )
    draft = Problem.objects.get(published_at__isnull=True)
    assert response.url == reverse("problems:review", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert original.title in page
    # Drafts are invisible to others.
    client.logout()
    assert client.get(reverse("problems:detail", args=[draft.pk])).status_code == 404
    client.force_login(citizen)
    client.post(reverse("problems:review", args=[draft.pk]), {"action": f"support:{original.pk}"})
    assert not Problem.objects.filter(pk=draft.pk).exists()
    original.refresh_from_db()
    assert original.support_count == 1


def test_review_publish_mine(client, citizen, make_problem, theme, upz):
    make_problem(title="Huecos en la vía a Usme Pueblo")
    client.force_login(citizen)
    client.post(
        reverse("problems:report"),
        {"title": "Huecos en la vía a Usme", "description": "Otro tramo distinto.", "theme": theme.pk, "upz": upz.pk},
    )
    draft = Problem.objects.get(published_at__isnull=True)
    client.post(reverse("problems:review", args=[draft.pk]), {"action": "publish"})
    draft.refresh_from_db()
    assert draft.published_at is not None
