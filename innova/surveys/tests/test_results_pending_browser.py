"""A visitor without an account asks for a survey's results before they are public: the page says so and when,
instead of "Su cuenta no tiene permiso…" (issue #19); once the survey has closed, the results show."""

import datetime

import pytest
from django.utils import timezone

from innova.surveys import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_is_told_when_results_will_be_public(browser_context_factory, live_server, screenshot, make_survey):
    closes = timezone.make_aware(datetime.datetime(2027, 3, 19, 17, 0))
    open_one = make_survey(slug="seguridad", results_public=True, closes_at=closes)
    unreleased = make_survey(slug="privada", results_public=False)
    page = browser_context_factory().new_page()

    response = page.goto(live_server.url + f"/encuestas/{open_one.survey.slug}/resultados/")
    assert response.status == 403  # not available to this request yet, and the page says why
    page.get_by_role("heading", name="Los resultados aún no son públicos").wait_for()
    screenshot(page, "results-not-yet-public")
    text = page.locator("main").inner_text()
    assert "Se publicarán aquí el 19 de marzo de 2027, 5:00 p.m., cuando la encuesta cierre." in text, text
    assert "no tiene permiso" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(live_server.url + f"/encuestas/{unreleased.survey.slug}/resultados/")
    text = page.locator("main").inner_text()
    assert "no ha publicado en el sitio los resultados" in text and "no tiene permiso" not in text

    # Once the survey closes, the same address shows the results to everyone.
    past = timezone.now() - datetime.timedelta(minutes=1)
    services.survey_update(actor=open_one.author, survey=open_one.survey, closes_at=past)
    response = page.goto(live_server.url + f"/encuestas/{open_one.survey.slug}/resultados/")
    assert response.status == 200
    page.locator("svg.chart").first.wait_for()
