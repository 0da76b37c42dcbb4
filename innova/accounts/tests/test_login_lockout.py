"""Password guessing locks one (account, address) pair, never the owner elsewhere (issue #18.12)."""

import pytest
from django.test import Client
from django.urls import reverse

from innova.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER, OWNER = "203.0.113.5", "198.51.100.7"


def _log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_hardening_12_five_wrong_passwords_lock_the_pair_but_the_owner_gets_in_from_elsewhere(citizen):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _attempt in range(5):
        assert _log_in(attacker, citizen.email, "no-es-la-clave").status_code < 500
    refused = _log_in(attacker, citizen.email, TEST_PASSWORD)
    assert "_auth_user_id" not in attacker.session
    assert refused.status_code == 429
    assert "Ingreso bloqueado temporalmente" in refused.content.decode()
    assert "15 minutos" in refused.content.decode()

    owner = Client(REMOTE_ADDR=OWNER)
    _log_in(owner, citizen.email, TEST_PASSWORD)
    assert "_auth_user_id" in owner.session


def test_hardening_12_the_lockout_counts_the_account_not_just_the_address(citizen, make_user, settings):
    """django-axes sees the e-mail allauth posts as `login`: the pair locks after five, another account does not."""
    settings.ACCOUNT_RATE_LIMITS = False  # only django-axes in play
    neighbour = make_user("citizen")
    shared = Client(REMOTE_ADDR=ATTACKER)  # e.g. the same library computer
    for _attempt in range(5):
        _log_in(shared, citizen.email, "no-es-la-clave")
    _log_in(shared, citizen.email, TEST_PASSWORD)
    assert "_auth_user_id" not in shared.session
    _log_in(shared, neighbour.email, TEST_PASSWORD)
    assert "_auth_user_id" in shared.session
