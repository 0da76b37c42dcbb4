"""The page cache for visitors without a session (innova/core/pagecache.py).

Each kept public page is read once by a visitor (kept), then changed through the real services, and read again:
the change must be there on the very next request. A visitor's kept page never carries another visitor's CSRF
token nor a signed-in person's name, and signed-in people are never served a kept page.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innova.core.pagecache import CACHE_STATUS_HEADER
from innova.core.ratelimit import rate_limits_suspended

pytestmark = pytest.mark.django_db

STATIC_PAGES = ["core:home", "core:terms", "core:accessibility", "core:data_policy"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def visit(url: str, client: Client | None = None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response


def kept_then_read(url: str):
    """A visitor's read keeps the page (if no one's had); another visitor gets it from the cache."""
    assert visit(url)[CACHE_STATUS_HEADER] in ("miss", "hit")
    response = visit(url)
    assert response[CACHE_STATUS_HEADER] == "hit"
    return response.content.decode()


def read_again(url: str, expected_status: int = 200):
    """The next visitor's read, after a change: rendered again, and kept again for the one after."""
    response = Client().get(url)
    assert response.status_code == expected_status
    if expected_status == 200:
        assert response[CACHE_STATUS_HEADER] == "miss"
        assert visit(url)[CACHE_STATUS_HEADER] == "hit"
    return response.content.decode()


def supported(support_set, **person_and_item):
    """A support given through the real service (test data: no rate limit)."""
    with rate_limits_suspended():
        support_set(supported=True, **person_and_item)


@pytest.mark.parametrize("name", STATIC_PAGES)
def test_static_pages_are_kept_and_each_visitor_gets_their_own_form_token(name):
    url = reverse(name)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert visit(url, first)[CACHE_STATUS_HEADER] == "miss"
    kept = visit(url, second)
    assert kept[CACHE_STATUS_HEADER] == "hit"
    assert "Cookie" in kept["Vary"]
    first_tokens = set(TOKEN.findall(visit(url, first).content.decode()))
    second_tokens = set(TOKEN.findall(kept.content.decode()))
    assert first_tokens and second_tokens and not first_tokens & second_tokens
    # The token served from the cache is the second visitor's own: their language switch goes through.
    switched = second.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": second_tokens.pop()}
    )
    assert switched.status_code == 302
    assert "Terms of use" in second.get(url).content.decode()


def test_each_language_has_its_own_kept_page():
    url = reverse("core:home")
    assert "Términos de uso" in kept_then_read(url)
    english = Client()
    english.cookies["django_language"] = "en"
    assert "Terms of use" in visit(url, english).content.decode()


def test_a_signed_in_person_is_never_served_a_kept_page_and_their_name_does_not_leak(citizen, make_problem):
    problem = make_problem()
    url = problem.get_absolute_url()
    person = Client()
    person.force_login(citizen)
    for _ in range(2):
        response = person.get(url)
        assert CACHE_STATUS_HEADER not in response
        assert citizen.public_name in response.content.decode()
    problem.anonymous = True  # the page then names nobody: a leak of the signed-in person would show
    problem.save()
    assert citizen.public_name not in kept_then_read(url)


def test_a_visitor_with_pending_messages_or_htmx_gets_a_fresh_page(make_problem):
    url = reverse("problems:index")
    kept_then_read(url)
    with_messages = Client()
    with_messages.cookies["messages"] = "x"
    assert CACHE_STATUS_HEADER not in with_messages.get(url)
    assert CACHE_STATUS_HEADER not in Client().get(url, headers={"HX-Request": "true"})


def test_problems_list_shows_a_new_problem_a_support_a_status_and_a_hiding_at_once(make_problem, citizen, facilitator):
    from innova.comments.services import moderation_set_hidden
    from innova.problems.services import problem_change_status, problem_support_set

    problem = make_problem(title="Basuras en la quebrada Yomasa")
    url = reverse("problems:index")
    assert "Basuras en la quebrada Yomasa" in kept_then_read(url)

    make_problem(title="Alumbrado apagado en Betania")
    assert "Alumbrado apagado en Betania" in read_again(url)

    supported(problem_support_set, user=citizen, problem=problem)
    assert "1 afectado" in read_again(url)

    problem_change_status(actor=facilitator, problem=problem, to_status="in_review", reason="Lo revisamos")
    assert "En revisión" in read_again(url)

    moderation_set_hidden(actor=facilitator, target=problem, hidden=True, reason="Datos personales")
    assert "Basuras en la quebrada Yomasa" not in read_again(url)


def test_problem_detail_shows_supports_comments_answers_trail_and_hiding_at_once(
    make_problem, make_proposal, citizen, official, facilitator
):
    from innova.comments.services import comment_add, moderation_set_hidden
    from innova.problems.services import problem_answer, problem_support_set

    problem = make_problem(title="Huecos en la vía a Chuniza")
    url = problem.get_absolute_url()
    assert "Huecos en la vía a Chuniza" in kept_then_read(url)

    supported(problem_support_set, user=citizen, problem=problem)
    assert "<strong>1</strong> persona" in read_again(url)

    comment_add(author=citizen, target=problem, body="En la esquina del colegio es peor")
    assert "En la esquina del colegio es peor" in read_again(url)

    problem_answer(actor=official, problem=problem, body="La cuadrilla irá el lunes")
    assert "La cuadrilla irá el lunes" in read_again(url)

    make_proposal(title="Brigada de parcheo con la junta", problems=[problem])
    assert "Brigada de parcheo con la junta" in read_again(url)

    moderation_set_hidden(actor=facilitator, target=problem, hidden=True, reason="Datos personales")
    read_again(url, expected_status=404)


def test_a_changed_public_name_shows_on_the_next_request(make_problem, citizen):
    problem = make_problem(author=citizen)
    url = problem.get_absolute_url()
    kept_then_read(url)
    citizen.display_name = "Doña Rosa de Chuniza"
    citizen.save()
    assert "Doña Rosa de Chuniza" in read_again(url)


def test_proposals_list_and_detail_show_supports_status_comments_and_hiding_at_once(
    make_proposal, citizen, official, facilitator
):
    from innova.comments.services import comment_add, moderation_set_hidden
    from innova.proposals.services import proposal_change_status, proposal_support_set

    proposal = make_proposal(title="Huerta comunitaria en La Aurora")
    index, url = reverse("proposals:index"), proposal.get_absolute_url()
    assert "Huerta comunitaria en La Aurora" in kept_then_read(index)
    assert "Huerta comunitaria en La Aurora" in kept_then_read(url)

    make_proposal(title="Biblioteca móvil en Danubio")
    assert "Biblioteca móvil en Danubio" in read_again(index)

    supported(proposal_support_set, user=citizen, proposal=proposal)
    assert "<strong>1</strong>" in read_again(url)

    comment_add(author=citizen, target=proposal, body="Yo pongo las semillas")
    assert "Yo pongo las semillas" in read_again(url)

    proposal_change_status(actor=official, proposal=proposal, to_status="in_study", reason="La estudiamos")
    assert "En estudio" in read_again(url)
    assert "En estudio" in read_again(index)

    moderation_set_hidden(actor=facilitator, target=proposal, hidden=True, reason="Datos personales")
    read_again(url, expected_status=404)
    assert "Huerta comunitaria en La Aurora" not in read_again(index)


def test_a_new_policy_version_shows_on_the_data_policy_page_at_once():
    from innova.accounts.models import PolicyVersion

    url = reverse("core:data_policy")
    kept_then_read(url)
    PolicyVersion.objects.create(version="9.9", body="Política nueva de prueba", published_at=timezone.now())
    assert "9.9" in read_again(url)


def test_the_cache_can_be_turned_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("core:home")
    assert CACHE_STATUS_HEADER not in Client().get(url)
    assert CACHE_STATUS_HEADER not in Client().get(url)


def test_a_difficulty_named_against_a_proposal_shows_on_its_page_at_once(make_proposal):
    from innova.difficulties.testing import make_difficulty

    proposal = make_proposal(title="Huerta comunitaria en La Aurora")
    url = proposal.get_absolute_url()
    kept_then_read(url)
    make_difficulty(proposal=proposal, title="Falta de agua para regar")
    assert "Falta de agua para regar" in read_again(url)


def test_a_new_release_does_not_serve_pages_kept_by_the_old_one(monkeypatch):
    from innova.core import pagecache

    url = reverse("core:home")
    kept_then_read(url)
    monkeypatch.setattr(pagecache, "release_token", lambda: "next-release")
    assert Client().get(url)[CACHE_STATUS_HEADER] == "miss"


def test_a_change_made_by_another_app_server_shows_here_within_a_second(make_problem, monkeypatch):
    """Each process keeps its own copies of kept pages and, for visitors, the versions it read for up to
    ``VISITOR_VERSIONS_SECONDS``: a change another process made (it renewed a version in the shared cache) shows
    here once that second has passed, whatever copy this process holds."""
    from django.core.cache import cache
    from django.db.models import F

    from innova.core import pagecache
    from innova.core.pagecache import VERSION_KEY
    from innova.problems.models import Problem

    problem = make_problem(title="Basuras en la quebrada Yomasa")
    url = problem.get_absolute_url()
    kept_then_read(url)
    Problem.objects.filter(pk=problem.pk).update(support_count=F("support_count") + 7)  # no signal here
    assert "<strong>7</strong>" not in visit(url).content.decode()
    cache.set(VERSION_KEY.format("problems"), "renewed-by-another-process", timeout=None)
    later = pagecache._now() + pagecache.VISITOR_VERSIONS_SECONDS + 0.1
    monkeypatch.setattr(pagecache, "_now", lambda: later)
    assert "<strong>7</strong>" in read_again(url)
