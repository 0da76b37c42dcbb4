import pytest
from django.urls import reverse

from innova.core.testing import assert_concurrent_supports_count, assert_support_toggles
from innova.problems import services
from innova.problems.models import Problem, Support

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


def test_support_once_per_person_reversible_and_counted(client, citizen, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    assert_support_toggles(client, reverse("problems:support", args=[problem.pk]), problem)


def test_anonymous_cannot_support(client, make_problem):
    problem = make_problem()
    response = client.post(reverse("problems:support", args=[problem.pk]), {"supported": "1"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert Support.objects.count() == 0


def test_support_via_htmx_returns_the_updated_button(client, citizen, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    response = client.post(reverse("problems:support", args=[problem.pk]), {"supported": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<strong>1</strong>" in html and 'aria-pressed="true"' in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_supports_count_exactly_fifty(make_user, make_problem):
    problem = make_problem()
    users = [make_user("citizen") for _ in range(50)]
    assert_concurrent_supports_count(
        problem, users, lambda user: services.problem_support_set(user=user, problem=problem, supported=True)
    )
