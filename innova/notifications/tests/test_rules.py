"""Who may follow what: every role × every state of the object."""

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROLES = ["citizen", "unverified_official", "official", "contractor", "facilitator", "administrator"]


@pytest.fixture
def states(make_problem, make_user):
    published = make_problem(title="Publicado")
    hidden = make_problem(title="Oculto")
    hidden.hidden_at = timezone.now()
    hidden.save(update_fields=["hidden_at"])
    draft = make_problem(title="Borrador", publish=False)
    return {"published": published, "hidden": hidden, "draft": draft, "person": make_user("citizen"), "none": None}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "state,allowed", [("published", True), ("hidden", False), ("draft", False), ("person", False), ("none", False)]
)
def test_follow_target_matrix(request, states, role, state, allowed):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from innova.notifications.services.follows import follow_set_checked, is_following

    user = request.getfixturevalue(role)
    if allowed:
        assert follow_set_checked(user=user, target=states[state], following=True) is True
        assert is_following(user=user, target=states[state])
    else:
        # Refused: 404 for what the person cannot open at all (a draft, a hidden problem), 403 otherwise.
        with pytest.raises((PermissionDenied, Http404)):
            follow_set_checked(user=user, target=states[state], following=True)


def test_anonymous_and_inactive_people_follow_nothing(states, make_user):
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("notifications.follow_target", states["published"])
    assert not make_user("citizen", is_active=False).has_perm("notifications.follow_target", states["published"])


def test_the_list_page_costs_the_same_for_3_or_60_notifications(client, make_user, django_assert_max_num_queries):
    from innova.notifications.services.emit import notification_emit

    person = make_user("citizen")
    client.force_login(person)
    for n in range(60):
        notification_emit(kind="mentioned", recipients=[person], actor=make_user("citizen"), dedupe_key=str(n))
    with django_assert_max_num_queries(10):
        assert client.get("/notificaciones/").status_code == 200
