"""Spanish is the default for everyone; English only when the person picks it, and the choice is kept."""

import pytest

pytestmark = pytest.mark.django_db


def test_browser_in_english_still_gets_spanish(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="es-CO">' in html
    assert "Accept-Language" not in response.headers.get("Vary", "")


def test_picked_language_is_kept_for_a_year(client):
    response = client.post("/idioma/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"]["max-age"] >= 300 * 24 * 3600
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="es-CO").content.decode()
    assert '<html lang="en">' in html
    client.post("/idioma/", {"language": "es-co", "next": "/"})
    assert '<html lang="es-CO">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_unknown_language_cookie_falls_back_to_spanish(client):
    client.cookies["django_language"] = "klingon"
    assert '<html lang="es-CO">' in client.get("/").content.decode()


@pytest.mark.browser
def test_phone_set_to_english_sees_spanish_until_it_switches(browser_context_factory, screenshot):
    context = browser_context_factory(locale="en-US")
    page = context.new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "es-CO"
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Cambiar").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto("/problemas/")
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "english-chosen")


def test_dates_are_written_one_way_with_lower_case_months():
    """Colombian usage: "12 de diciembre de 2026" in full, "12 dic. 2026" short — never "12 de Diciembre"."""
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    moment = datetime.datetime(2026, 12, 12, 15, 30)
    template = Template(
        '{{ d|date:"DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"l j \\d\\e F, g:i a" }}|{{ d }}'
    )
    with translation.override("es-co"):
        text = template.render(Context({"d": moment}))
    assert text.split("|") == [
        "12 de diciembre de 2026",
        "12 dic. 2026",
        "sábado 12 de diciembre, 3:30 p.m.",
        "12 de diciembre de 2026, 3:30 p.m.",
    ]
