"""Numbers meet nouns in correct Spanish on proposals: "1 persona la apoya", "1 apoyo"."""

import re

import pytest
from django.urls import reverse

from innova.proposals.services import proposal_support_set

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_one_supporter_reads_singular(client, make_proposal, make_user):
    proposal = make_proposal()
    proposal_support_set(user=make_user("citizen"), proposal=proposal, supported=True)
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    detail = _text(client.get(proposal.get_absolute_url()).content.decode())
    assert "1 persona la apoya" in detail and "1 personas" not in detail
    listing = _text(client.get(reverse("proposals:index")).content.decode())
    assert "1 apoyo " in listing and "1 apoyos" not in listing

    proposal_support_set(user=make_user("citizen"), proposal=proposal, supported=True)
    assert "2 personas la apoyan" in _text(client.get(proposal.get_absolute_url()).content.decode())
