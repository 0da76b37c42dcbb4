"""Numbers meet nouns in correct Spanish on proposals: "1 persona la apoya", "1 apoyo"."""

import pytest
from django.urls import reverse

from innova.core.testing import page_text
from innova.proposals.services import proposal_support_set

pytestmark = pytest.mark.django_db


def test_one_supporter_reads_singular(client, make_proposal, make_user):
    proposal = make_proposal()
    proposal_support_set(user=make_user("citizen"), proposal=proposal, supported=True)
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    detail = page_text(client.get(proposal.get_absolute_url()).content.decode())
    assert "1 persona la apoya" in detail and "1 personas" not in detail
    listing = page_text(client.get(reverse("proposals:index")).content.decode())
    assert "1 apoyo " in listing and "1 apoyos" not in listing

    proposal_support_set(user=make_user("citizen"), proposal=proposal, supported=True)
    assert "2 personas la apoyan" in page_text(client.get(proposal.get_absolute_url()).content.decode())


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
