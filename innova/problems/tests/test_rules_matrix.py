"""Every role × every state of a problem, for the permissions that depend on the state. Administrators are in it:
they are not superusers, so a hidden problem or somebody else's draft is closed to them too."""

import pytest

from innova.comments.testing import CONTENT_STATES, rules_matrix_case
from innova.core.testing import MATRIX_ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", CONTENT_STATES)
@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_problem_rules_matrix(request, make_problem, facilitator, role, state):
    case = rules_matrix_case(request, role=role, state=state, make=make_problem, moderator=facilitator)
    may_act = case.signed_in and case.public
    assert case.user.has_perm("problems.support_problem", case.target) is may_act
    assert case.user.has_perm("problems.follow_problem", case.target) is may_act
    assert case.user.has_perm("problems.publish_draft", case.target) is case.own
    assert case.user.has_perm("problems.view_hidden", case.target) is (role in ("facilitator", "administrator"))
