"""Administrators may use the Django admin, but they are not superusers: every rule's state checks bind them too."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from innova.accounts.services import user_role_assign
from innova.comments.services import moderation_set_hidden
from innova.debates import services as debates
from innova.debates.testing import make_debate
from innova.problems.services import problem_support_set

pytestmark = pytest.mark.django_db


def test_hardening_08_an_administrator_cannot_support_their_own_argument(client, administrator):
    argument = debates.argument_add(author=administrator, debate=make_debate(), side="for", body="Mi argumento")
    assert not administrator.has_perm("debates.support_argument", argument)
    with pytest.raises(PermissionDenied):
        debates.argument_support_set(user=administrator, argument=argument, supported=True)
    client.force_login(administrator)
    client.post(reverse("debates:argument_support", args=[argument.pk]), {"supported": "1"})
    assert argument.supports.count() == 0


def test_hardening_08_an_administrator_cannot_support_a_hidden_problem(
    client, administrator, facilitator, make_problem
):
    problem = make_problem()
    moderation_set_hidden(actor=facilitator, target=problem, hidden=True, reason="Datos personales")
    problem.refresh_from_db()
    assert not administrator.has_perm("problems.support_problem", problem)
    with pytest.raises(PermissionDenied):
        problem_support_set(user=administrator, problem=problem, supported=True)
    client.force_login(administrator)
    client.post(reverse("problems:support", args=[problem.pk]))
    problem.refresh_from_db()
    assert problem.support_count == 0 and not problem.supports.exists()


def test_hardening_08_even_a_superuser_account_obeys_the_state_rules(make_user):
    """An account made superuser by hand (the admin form, an old database) gains no way around a rule."""
    root = make_user("administrator")
    root.is_superuser = True
    root.save(update_fields=["is_superuser"])
    argument = debates.argument_add(author=root, debate=make_debate(), side="for", body="Mi argumento")
    assert not root.has_perm("debates.support_argument", argument)


def test_hardening_08_administrators_still_open_the_django_admin(client, administrator, citizen):
    assert administrator.is_staff and not administrator.is_superuser
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    page = client.get(reverse("admin:accounts_user_changelist"))
    assert page.status_code == 200 and citizen.email in page.content.decode()
    assert client.get(reverse("admin:accounts_user_change", args=[citizen.pk])).status_code == 200
    assert client.get(reverse("admin:problems_problem_changelist")).status_code == 200


def test_hardening_08_facilitators_and_citizens_have_no_admin_permissions(client, facilitator, citizen):
    for person in (facilitator, citizen):
        assert not person.has_perm("accounts.change_user") and not person.has_module_perms("accounts")
        client.force_login(person)
        assert client.get(reverse("admin:index")).status_code == 302  # to the admin's log-in page


def test_hardening_08_giving_the_administrator_role_makes_no_superuser(administrator, citizen):
    user_role_assign(user=citizen, role="administrator", actor=administrator)
    citizen.refresh_from_db()
    assert citizen.is_staff and not citizen.is_superuser
    assert citizen.has_perm("accounts.change_user")  # the Django admin
    user_role_assign(user=citizen, role="citizen", actor=administrator)
    citizen.refresh_from_db()
    assert not citizen.is_staff and not citizen.is_superuser and not citizen.has_perm("accounts.change_user")
