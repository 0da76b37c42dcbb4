"""A resident's whole account life in a real browser at 360 px, with screenshots."""

import json
import re

import pytest
from django.core import mail

from innova.accounts.models import User
from innova.accounts.testing import SIGNUP_PASSWORD, browser_signup_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signup_verify_login_edit_download_delete(page, live_server, screenshot):
    page.goto(live_server.url + "/")
    screenshot(page, "home")
    page.get_by_role("link", name="Registrarse").first.click()
    _sign_up_refused_without_consent_then_accepted(page, screenshot)

    # Open the verification mail and follow its link.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/cuenta/confirm-email/\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    screenshot(page, "confirm-email")
    page.get_by_role("button", name="Confirmar").click()
    page.wait_for_load_state()

    # Log in.
    page.goto(live_server.url + "/cuenta/login/")
    page.fill("input[name=login]", "marleny@example.com")
    page.fill("input[name=password]", SIGNUP_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/cuenta/perfil/")
    assert page.locator("h1", has_text="Mi perfil").is_visible()
    screenshot(page, "profile")

    _edit_the_profile_with_optional_data(page, screenshot)

    # Download my data.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar todos mis datos (JSON)").click()
    data = json.loads(open(download_info.value.path(), encoding="utf-8").read())
    assert data["account"]["email"] == "marleny@example.com"
    assert data["account"]["optional_profile"]["age_range"] == "45-59"

    _delete_the_account(page, live_server, screenshot)


def _sign_up_refused_without_consent_then_accepted(page, screenshot):
    page.fill("#id_display_name", "Marleny de La Flora")
    page.fill("#id_email", "marleny@example.com")
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    # First without consent: refused, nothing typed is lost.
    page.get_by_role("button", name="Registrarse").click()
    assert page.locator("text=necesita aceptar la política").is_visible()
    assert page.input_value("#id_display_name") == "Marleny de La Flora"
    assert page.input_value("#id_email") == "marleny@example.com"
    screenshot(page, "signup-refused-without-consent")
    # Passwords are never written back into the page (#18.16): type them again.
    assert page.input_value("#id_password1") == ""
    browser_signup_send(page)
    screenshot(page, "verification-sent")


def _edit_the_profile_with_optional_data(page, screenshot):
    """Edit the profile, with optional data and its own consent."""
    page.get_by_role("link", name="Editar mi perfil").click()
    page.fill("#id_basic-display_name", "Marleny R.")
    page.select_option("#id_optional-age_range", "45-59")
    page.check("#id_optional-consent")
    screenshot(page, "profile-edit")
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url("**/cuenta/perfil/")
    assert page.locator("main").get_by_text("Marleny R.").first.is_visible()  # the header copy is in the menu


def _delete_the_account(page, live_server, screenshot):
    page.get_by_role("link", name="Eliminar mi cuenta").click()
    page.fill("#id_confirm", "ELIMINAR")
    screenshot(page, "delete-account")
    page.get_by_role("button", name="Eliminar mi cuenta").click()
    page.wait_for_url(live_server.url + "/")
    screenshot(page, "after-delete")
    assert page.locator("text=Su cuenta fue eliminada").is_visible()
    user = User.objects.get(display_name="")
    assert user.deleted_at is not None and not user.is_active
    assert not User.objects.filter(email="marleny@example.com").exists()
