"""Numbers meet nouns in correct Spanish: one person, one comment; two people, two comments."""

import pytest
from django.urls import reverse

from innova.comments import services as comments_services
from innova.core.testing import page_text
from innova.problems.services import problem_support_set

pytestmark = pytest.mark.django_db


def test_one_person_is_singular_and_two_are_plural(client, make_problem, make_user):
    problem = make_problem()
    problem_support_set(user=make_user("citizen"), problem=problem, supported=True)
    problem.refresh_from_db()
    assert problem.support_count == 1
    detail = page_text(client.get(problem.get_absolute_url()).content.decode())
    assert "1 persona dice que le afecta" in detail
    assert "1 personas" not in detail
    listing = page_text(client.get(reverse("problems:index")).content.decode())
    assert "1 afectado " in listing and "1 afectados" not in listing

    problem_support_set(user=make_user("citizen"), problem=problem, supported=True)
    detail = page_text(client.get(problem.get_absolute_url()).content.decode())
    assert "2 personas dicen que les afecta" in detail
    listing = page_text(client.get(reverse("problems:index")).content.decode())
    assert "2 afectados" in listing and "0 comentarios" in listing


def test_one_comment_is_singular(client, make_problem, make_user):
    problem = make_problem()
    comments_services.comment_add(author=make_user("citizen"), target=problem, body="Yo también paso por ahí.")
    listing = page_text(client.get(reverse("problems:index")).content.decode())
    assert "1 comentario " in listing and "1 comentarios" not in listing
