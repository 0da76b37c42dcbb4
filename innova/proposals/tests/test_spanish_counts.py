"""How proposal pages read: the status beside the authors' names, the idea triage's pointers (counting supporters
in correct Spanish: tests/test_supports.py)."""

import pytest
from django.urls import reverse

from innova.core.testing import page_text

pytestmark = pytest.mark.django_db


def test_the_status_does_not_read_as_decided_by_the_authors(client, make_proposal, make_user):
    """Not "Viable por Don Jairo": the status is the office's answer, the names are who proposed it."""
    from innova.proposals.models import Proposal

    proposal = make_proposal(author=make_user("citizen", display_name="Don Jairo"))
    Proposal.objects.filter(pk=proposal.pk).update(status="viable")
    detail = page_text(client.get(proposal.get_absolute_url()).content.decode())
    assert "Viable · Propuesta de Don Jairo" in detail
    assert "Viable por" not in detail


def test_idea_triage_points_to_boards_that_exist(client, facilitator):
    client.force_login(facilitator)
    html = client.get(reverse("ideas:queue")).content.decode()
    assert "llega con las lluvias de ideas" not in html
    assert "abra una lluvia de ideas" in html and reverse("brainstorms:create") in html
