"""Numbers meet nouns in correct Spanish: no comments, one comment (people who support: tests/test_supports.py)."""

import pytest
from django.urls import reverse

from innova.comments import services as comments_services
from innova.core.testing import page_text

pytestmark = pytest.mark.django_db


def test_one_comment_is_singular(client, make_problem, make_user):
    problem = make_problem()
    assert "0 comentarios" in page_text(client.get(reverse("problems:index")).content.decode())
    comments_services.comment_add(author=make_user("citizen"), target=problem, body="Yo también paso por ahí.")
    listing = page_text(client.get(reverse("problems:index")).content.decode())
    assert "1 comentario " in listing and "1 comentarios" not in listing
