import json

import pytest
from django.urls import reverse

from innova.accounts.models import User
from innova.core.services import contact_message_send  # noqa: F401 - contact messages are not tied to accounts

pytestmark = pytest.mark.django_db


def test_download_my_data_contains_mine_and_nothing_of_others(client, citizen, make_user):
    other = make_user("citizen", email="otra@example.com")
    client.force_login(citizen)
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert data["account"]["consents"][0]["policy_version"] == "1.1"
    assert other.email not in response.content.decode()


def test_delete_account_erases_personal_data_and_keeps_name_as_deleted(client, citizen):
    client.force_login(citizen)
    refused = client.post(reverse("accounts:delete"), {"confirm": "no"})
    assert "ELIMINAR" in refused.content.decode()
    response = client.post(reverse("accounts:delete"), {"confirm": "eliminar"})
    assert response.status_code == 302
    user = User.objects.get(pk=citizen.pk)
    assert user.deleted_at is not None
    assert not user.is_active
    assert user.email.endswith("@invalid.invalid")
    assert user.display_name == "" and user.first_name == "" and user.last_name == ""
    assert str(user.public_name) == "Cuenta eliminada"
    assert not user.has_usable_password()
    assert user.emailaddress_set.count() == 0
    # Logged out.
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_profile_edit_corrects_data(client, citizen):
    client.force_login(citizen)
    client.post(
        reverse("accounts:profile_edit"), {"basic-display_name": "Nuevo nombre", "optional-disability": "unknown"}
    )
    citizen.refresh_from_db()
    assert citizen.display_name == "Nuevo nombre"
