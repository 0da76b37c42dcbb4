"""Every role × every state of a debate and its arguments (open or closed; one's own argument, another's, a hidden
one). Administrators are in it: they are not superusers, so they cannot support their own argument either."""

import pytest
from django.contrib.auth.models import AnonymousUser

from innova.accounts.testing import make_user
from innova.comments.services import moderation_set_hidden
from innova.core.testing import MATRIX_ROLES
from innova.debates import services
from innova.debates.testing import make_debate

pytestmark = pytest.mark.django_db

ARGUMENTS = ["other", "own", "hidden"]


@pytest.mark.parametrize("argument_state", ARGUMENTS)
@pytest.mark.parametrize("debate_open", [True, False])
@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_argument_rules_matrix(request, facilitator, role, debate_open, argument_state):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    own = argument_state == "own" and role != "anonymous"
    debate = make_debate(author=facilitator)
    argument = services.argument_add(author=user if own else make_user("citizen"), debate=debate, side="for", body="Sí")
    if argument_state == "hidden":
        moderation_set_hidden(actor=facilitator, target=argument, hidden=True, reason="Insulto")
    if not debate_open:
        debate = services.debate_close(actor=facilitator, debate=debate, conclusion="Decidido.")
    argument.refresh_from_db()
    signed_in = role != "anonymous"
    assert user.has_perm("debates.add_argument", debate) is (signed_in and debate_open)
    assert user.has_perm("debates.support_argument", argument) is (
        signed_in and debate_open and argument_state == "other"
    )
    assert user.has_perm("debates.close_debate", debate) is (
        debate_open and role in ("official", "facilitator", "administrator")
    )
