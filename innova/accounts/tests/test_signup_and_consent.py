import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from innova.accounts.models import Consent, PolicyVersion, User
from innova.accounts.selectors import policy_current

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Marleny de Santa Librada",
    "email": "marleny@example.com",
    "password1": "Usme-es-bonita-2026",
    "password2": "Usme-es-bonita-2026",
}


def test_signup_with_consent_records_policy_version_and_sends_verification(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "accept_policy": "on"})
    assert response.status_code == 302
    user = User.objects.get(email="marleny@example.com")
    assert user.display_name == "Marleny de Santa Librada"
    consent = user.consents.get(kind=Consent.Kind.POLICY)
    assert consent.policy_version == policy_current()
    assert consent.given_at is not None
    assert len(mail.outbox) == 1
    assert re.search(r"/cuenta/confirm-email/\S+", mail.outbox[0].body)


def test_signup_without_consent_is_refused_with_clear_message_and_keeps_input(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert "necesita aceptar la política" in html
    assert 'value="Marleny de Santa Librada"' in html
    assert 'value="marleny@example.com"' in html
    assert not User.objects.filter(email="marleny@example.com").exists()


def test_hardening_16_failed_signup_never_writes_the_password_back_into_the_page(client):
    """Issue #18.16: a refused sign-up keeps name and e-mail, but the password fields come back empty."""
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="marleny@example.com"' in html
    assert "Usme-es-bonita-2026" not in html
    refused_login = client.post(reverse("account_login"), {"login": "nadie@example.com", "password": "Secreto-2026"})
    assert "Secreto-2026" not in refused_login.content.decode()


def test_unverified_email_cannot_log_in(client):
    client.post(reverse("account_signup"), {**SIGNUP, "accept_policy": "on"})
    client.logout()
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def test_new_policy_version_asks_again_and_records_it(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("core:home")).status_code == 200
    new = PolicyVersion.objects.create(version="2.0", body="Nueva versión", published_at=timezone.now())
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:consent"))
    refused = client.post(reverse("accounts:consent"), {"next": "/"})
    assert "necesita aceptar" in refused.content.decode()
    accepted = client.post(reverse("accounts:consent"), {"accept_policy": "on", "next": "/problemas/"})
    assert accepted.url == "/problemas/"
    assert citizen.consents.filter(policy_version=new).exists()
    assert client.get(reverse("core:home")).status_code == 200


def test_consent_next_does_not_redirect_off_site(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("accounts:consent"), {"accept_policy": "on", "next": "https://evil.example/"})
    assert response.url == reverse("core:home")


def test_optional_sensitive_data_needs_its_own_consent(client, citizen):
    from innova.territory.models import Upz

    client.force_login(citizen)
    upz = Upz.objects.get(code="57")
    data = {
        "basic-display_name": "Vecina",
        "optional-upz": upz.pk,
        "optional-age_range": "29-44",
        "optional-gender": "woman",
        "optional-ethnicity": "campesino",
        "optional-disability": "false",
    }
    refused = client.post(reverse("accounts:profile_edit"), data)
    assert refused.status_code == 200
    assert "marque la autorización" in refused.content.decode()
    citizen.refresh_from_db()
    assert citizen.upz is None and citizen.age_range == ""

    accepted = client.post(reverse("accounts:profile_edit"), {**data, "optional-consent": "on"})
    assert accepted.status_code == 302
    citizen.refresh_from_db()
    assert citizen.upz == upz and citizen.ethnicity == "campesino" and citizen.disability is False
    assert citizen.consents.filter(kind=Consent.Kind.SENSITIVE).exists()

    # Withdrawing the authorisation erases the optional data.
    withdrawn = {"basic-display_name": "Vecina", "optional-disability": "unknown"}
    client.post(reverse("accounts:profile_edit"), withdrawn)
    citizen.refresh_from_db()
    assert citizen.upz is None and citizen.ethnicity == "" and citizen.sensitive_consent_at is None


TU_FORMS = re.compile(r"\b(ves|tu|tus|comprueba|estás|vete|introdúcelo|puedes)\b", re.IGNORECASE)


def test_email_verification_speaks_usted_only(client):
    """The page after sign-up and the verification e-mail say "usted", never "tú"."""
    response = client.post(reverse("account_signup"), {**SIGNUP, "accept_policy": "on"}, follow=True)
    page = re.sub(r"<[^>]+>", " ", response.content.decode())
    assert "Siga el enlace" in page and "revise su carpeta de correo no deseado" in page
    assert not TU_FORMS.search(page), TU_FORMS.search(page)
    body = mail.outbox[0].body
    assert "vaya a" in body
    assert not TU_FORMS.search(body), TU_FORMS.search(body)
