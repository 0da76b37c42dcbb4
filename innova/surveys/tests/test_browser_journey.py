"""A resident answers a survey on a phone, leaves half-way, comes back and finishes; staff read the charts."""

import pytest

from innova.surveys.models import Answer, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answer_leave_resume_finish_and_staff_charts(
    browser_context_factory, live_server, logged_in_page, screenshot, make_survey, make_user, upz
):
    s = make_survey()
    page = browser_context_factory().new_page()
    _start_and_fix_a_missing_answer(page, live_server, screenshot, s, upz)
    _reveal_the_conditional_part_and_leave(page, live_server, screenshot, s)
    _come_back_and_finish(page, live_server, screenshot, s)
    staff_page = logged_in_page(make_user("facilitator"))
    _staff_read_the_charts(staff_page, live_server, screenshot, s)
    _staff_reorder_a_question(staff_page, live_server, screenshot, s)


def _start_and_fix_a_missing_answer(page, live_server, screenshot, s, upz):
    page.goto(live_server.url + "/encuestas/")
    page.get_by_role("link", name="Percepción de seguridad").click()
    page.get_by_role("link", name="Empezar la encuesta").click()
    page.get_by_text("Parte 1 de 2").wait_for()
    screenshot(page, "first-part")
    # A missing required answer comes back in Spanish, keeping the UPZ already chosen.
    page.select_option(f"#id_q{s.upz.pk}", str(upz.pk))
    page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_text("Algunas respuestas necesitan corrección").wait_for()
    assert page.input_value(f"#id_q{s.upz.pk}") == str(upz.pk)
    screenshot(page, "validation")


def _reveal_the_conditional_part_and_leave(page, live_server, screenshot, s):
    # Answering "No" (does not feel safe) reveals the conditional part: now 3 parts.
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_text("Parte 2 de 3").wait_for()
    page.get_by_role("heading", name="Inseguridad").wait_for()
    page.get_by_label("Parque").check()
    page.get_by_label("Calle").check()
    screenshot(page, "conditional-part")
    # The connection drops / the person leaves: the first part is already saved on the server.
    page.goto(live_server.url + "/")
    assert Response.objects.get().sections_done == [s.s1.pk]


def _come_back_and_finish(page, live_server, screenshot, s):
    # Later, from the same phone: continue where they left off.
    page.goto(live_server.url + s.survey.get_absolute_url())
    page.get_by_role("link", name="Continuar donde quedé").click()
    page.get_by_text("Parte 2 de 3").wait_for()
    page.get_by_label("Parque").check()
    page.locator(f"input[name='q{s.fear.pk}'][value='5']").check()
    page.get_by_role("button", name="Guardar y continuar").click()
    page.get_by_text("Parte 3 de 3").wait_for()
    page.locator(f"input[name='q{s.matrix.pk}_r0'][value='3']").check()
    page.select_option(f"#id_q{s.ranking.pk}_i0", "2")
    page.select_option(f"#id_q{s.ranking.pk}_i1", "1")
    page.select_option(f"#id_q{s.ranking.pk}_i2", "3")
    page.fill(f"#id_q{s.comment.pk}", "Falta alumbrado en el parque")
    screenshot(page, "last-part")
    page.get_by_role("button", name="Enviar mis respuestas").click()
    page.get_by_text("Gracias por responder").wait_for()
    screenshot(page, "thanks")
    response = Response.objects.get()
    assert response.submitted_at is not None
    assert not Answer.objects.filter(question=s.why_safe).exists()  # hidden, never stored


def _staff_read_the_charts(staff_page, live_server, screenshot, s):
    # Staff read the results: server-rendered SVG charts, no JavaScript library.
    staff_page.goto(live_server.url + f"/encuestas/{s.survey.slug}/resultados/")
    staff_page.get_by_role("heading", name="Resultados: Percepción de seguridad").wait_for()
    assert staff_page.locator("svg.chart").count() >= 5
    screenshot(staff_page, "results")


def _staff_reorder_a_question(staff_page, live_server, screenshot, s):
    staff_page.goto(live_server.url + f"/encuestas/gestionar/{s.survey.pk}/")
    # Reorder with the up/down buttons (htmx swaps the list in place; without JavaScript the page reloads).
    staff_page.get_by_role("button", name="Bajar «Califique»").click()
    staff_page.locator(f"#seccion-{s.s3.pk} li").first.get_by_text("Prioridades").wait_for()
    s.matrix.refresh_from_db()
    s.ranking.refresh_from_db()
    assert s.ranking.order < s.matrix.order
    screenshot(staff_page, "builder")
