"""Every role × every state of a proposal (draft, published, hidden; one's own or another's). Administrators are
in it: they are not superusers, so they neither edit other people's proposals nor support hidden ones."""

import pytest

from innova.comments.testing import CONTENT_STATES, rules_matrix_case
from innova.core.testing import MATRIX_ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", CONTENT_STATES)
@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_proposal_rules_matrix(request, make_proposal, facilitator, role, state):
    case = rules_matrix_case(request, role=role, state=state, make=make_proposal, moderator=facilitator)
    user, proposal = case.user, case.target
    staff = role in ("facilitator", "administrator")
    assert user.has_perm("proposals.view_proposal", proposal) is (case.public or case.own or staff)
    assert user.has_perm("proposals.edit_proposal", proposal) is case.own
    assert user.has_perm("proposals.invite_coauthor", proposal) is case.own
    assert user.has_perm("proposals.publish_proposal", proposal) is (case.own and state == "own_draft")
    assert user.has_perm("proposals.support_proposal", proposal) is (case.signed_in and case.public)
