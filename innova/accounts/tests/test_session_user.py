"""The signed-in user's row is not read again on every request (accounts.middleware.AuthenticationMiddleware), and
yet every change to the account counts from the next request: a new name, a role taken away, a password changed
elsewhere, an account deleted."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innova.accounts.services import profile_update, user_delete_account, user_role_assign

pytestmark = pytest.mark.django_db

USER_ROW = re.compile(r'FROM "accounts_user" WHERE "accounts_user"\."id" = ')


def user_row_reads(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(bool(USER_ROW.search(query["sql"])) for query in queries)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_second_page_of_a_signed_in_person_reads_no_user_row(citizen):
    client = signed_in(citizen)
    assert user_row_reads(client, "/") == 1
    assert user_row_reads(client, "/") == 0
    assert user_row_reads(client, reverse("problems:index")) == 0


def test_a_new_public_name_shows_on_the_next_page(citizen):
    client = signed_in(citizen)
    client.get("/")
    profile_update(user=citizen, display_name="Doña Rosa del Barrio")
    assert "Doña Rosa del Barrio" in client.get("/").content.decode()


def test_a_role_taken_away_counts_from_the_next_request(administrator, make_user):
    other_administrator = make_user("administrator")
    client = signed_in(administrator)
    queue = reverse("accounts:role_claim_queue")
    assert client.get(queue).status_code == 200
    user_role_assign(user=administrator, role="citizen", actor=other_administrator)
    assert client.get(queue).status_code in (302, 403)


def test_a_password_changed_in_another_session_signs_this_one_out(citizen):
    here, elsewhere = signed_in(citizen), signed_in(citizen)
    assert here.get(reverse("accounts:profile")).status_code == 200
    citizen.set_password("una-clave-nueva-y-larga-2026")
    citizen.save()
    # The other browser changed it: this session's hash no longer matches, so it is signed out.
    refused = here.get(reverse("accounts:profile"))
    assert refused.status_code == 302 and "/cuenta/" in refused["Location"]
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302


def test_a_deleted_account_is_signed_out_everywhere(citizen):
    here, elsewhere = signed_in(citizen), signed_in(citizen)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 200
    user_delete_account(user=citizen)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert here.get(reverse("accounts:profile")).status_code == 302


def test_each_request_gets_its_own_user_object(citizen):
    from django.test import RequestFactory

    from innova.accounts.middleware import _user_kept_or_read

    client = signed_in(citizen)
    client.get("/")
    request = RequestFactory().get("/")
    request.session = client.session
    first, second = _user_kept_or_read(request), _user_kept_or_read(request)
    assert first == second == citizen and first is not second
    first.display_name = "Cambiado solo en memoria"
    assert second.display_name != "Cambiado solo en memoria"
