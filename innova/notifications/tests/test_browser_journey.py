"""A resident hears that her problem was answered: the bell shows it, she reads it, tunes her e-mails and
unsubscribes from one kind from the e-mail link without logging in."""

from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core import mail

from innova.notifications.models import Frequency, Preference
from innova.problems import services as problem_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "tests" / "vendor" / "axe.min.js"


def serious_violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help}))"
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_bell_list_preferences_and_unsubscribe(
    browser_context_factory, live_server, logged_in_page, screenshot, make_user, make_problem
):
    citizen = make_user("citizen", display_name="Marleny")
    official = make_user("official", display_name="Andrés Gómez", entity="Alcaldía Local de Usme")
    problem = make_problem(title="Hueco en la vía a Usme Pueblo", author=citizen)
    problem_services.problem_answer(actor=official, problem=problem, body="Lo tapamos esta semana.")
    problem_services.problem_change_status(actor=official, problem=problem, to_status="in_review")

    # CSP bypassed only so the test can inject axe-core; the app's pages never need it.
    page = logged_in_page(citizen, bypass_csp=True)
    page.goto(live_server.url + "/")
    count = page.locator("#notification-bell-count")
    assert count.inner_text() == "2" and count.is_visible()
    assert page.get_attribute("#notification-bell", "aria-label") == "Notificaciones sin leer: 2"
    screenshot(page, "bell-with-count", full_page=False)
    assert serious_violations(page) == []

    page.locator("#notification-bell").click()
    page.get_by_role("heading", name="Notificaciones").wait_for()
    assert page.locator(".notification-list li.unread").count() == 2
    assert "recibió respuesta oficial: Hueco en la vía a Usme Pueblo" in page.inner_text(".notification-list")
    screenshot(page, "list")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Marcar todo como leído").click()
    page.get_by_text("Todavía no tiene notificaciones").or_(page.locator(".notification-list")).first.wait_for()
    assert page.locator(".notification-list li.unread").count() == 0
    assert not page.locator("#notification-bell-count").is_visible()

    page.get_by_role("link", name="Elija qué le enviamos y con qué frecuencia").click()
    page.get_by_role("heading", name="Preferencias de notificaciones").wait_for()
    page.select_option("#id_email_problem_status_changed", "daily")
    screenshot(page, "preferences")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Guardar preferencias").click()
    page.get_by_text("Sus preferencias de notificaciones quedaron guardadas").wait_for()
    assert Preference.objects.get(user=citizen, kind="problem_status_changed").email == Frequency.DAILY

    # The e-mail's unsubscribe link, opened in a browser that is not logged in.
    answered = next(m for m in mail.outbox if "respuesta oficial" in m.subject)
    link = urlparse(answered.extra_headers["List-Unsubscribe"].strip("<>")).path
    anonymous = browser_context_factory(bypass_csp=True).new_page()
    anonymous.goto(live_server.url + link)
    anonymous.get_by_role("button", name="Sí, dejar de recibir estos correos").wait_for()
    screenshot(anonymous, "unsubscribe-confirm")
    assert serious_violations(anonymous) == []
    anonymous.get_by_role("button", name="Sí, dejar de recibir estos correos").click()
    anonymous.get_by_text("Listo: no le enviaremos más correos sobre").wait_for()
    screenshot(anonymous, "unsubscribed")
    assert Preference.objects.get(user=citizen, kind="problem_answered").email == Frequency.OFF
