"""On a phone: a debate gets arguments on both sides, a comment and a conclusion; a difficulty lands in the
front's risk matrix."""

import pytest

from innova.debates.models import Argument, Debate
from innova.debates.testing import make_debate
from innova.difficulties.models import Difficulty
from innova.difficulties.testing import make_front

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_debate_both_sides_conclusion_and_a_difficulty_in_the_risk_matrix(
    live_server, logged_in_page, screenshot, make_user
):
    facilitator = make_user("facilitator", display_name="Lina")
    debate = make_debate(author=facilitator, title="¿Cerramos la vía al tráfico pesado los domingos?")
    pro = make_user("citizen", display_name="Marleny")
    con = make_user("citizen", display_name="Jairo")

    page = logged_in_page(pro)
    page.goto(live_server.url + debate.get_absolute_url())
    page.get_by_role("radio", name="A favor").check()
    page.fill("#argument_body", "Los niños podrían usar la vía para **jugar** y montar bicicleta.")
    page.get_by_role("button", name="Publicar argumento").click()
    page.get_by_text("Su argumento fue publicado").wait_for()

    page2 = logged_in_page(con)
    _argue_against_after_a_refusal_support_and_comment(page2, live_server, screenshot, debate)
    assert set(Argument.objects.values_list("side", flat=True)) == {"for", "against"}
    assert Argument.objects.get(side="for").support_count == 1

    page3 = logged_in_page(facilitator)
    page3.goto(live_server.url + debate.get_absolute_url())
    page3.fill("#id_conclusion", "Se hará una prueba piloto de tres domingos con salida alterna para la cantera.")
    page3.get_by_role("button", name="Cerrar con esta conclusión").click()
    page3.get_by_text("El debate se cerró con su conclusión.").wait_for()
    page3.get_by_text("Este debate está cerrado: ya no recibe argumentos ni comentarios.").wait_for()
    assert Debate.objects.get().status == "closed"
    screenshot(page3, "debate-concluded")

    # The difficulty: the facilitator coordinates a front and records what threatens it.
    front = make_front(creator=facilitator, name="Frente de movilidad")
    _record_a_difficulty(page3, live_server, screenshot, front)
    _find_it_in_the_risk_matrix(page3, screenshot)


def _argue_against_after_a_refusal_support_and_comment(page, live_server, screenshot, debate):
    page.goto(live_server.url + debate.get_absolute_url())
    # Bad input first: no side chosen keeps what was typed and says why, in Spanish.
    page.fill("#argument_body", "Los camiones de la cantera no tendrían por dónde salir.")
    page.get_by_role("button", name="Publicar argumento").click()
    page.get_by_text("Elija si su argumento está a favor o en contra.").first.wait_for()
    assert page.input_value("#argument_body") == "Los camiones de la cantera no tendrían por dónde salir."
    page.get_by_role("radio", name="En contra").check()
    page.get_by_role("button", name="Publicar argumento").click()
    page.get_by_text("Su argumento fue publicado").wait_for()
    page.get_by_role("button", name="Apoyar").first.click()
    page.get_by_role("button", name="Apoyado").wait_for()
    page.fill("#id_body", "Hablemos con la junta, @Marleny, antes de decidir.")
    page.get_by_role("button", name="Publicar comentario").click()
    page.get_by_text("Su comentario fue publicado").wait_for()
    screenshot(page, "debate-both-sides")


def _record_a_difficulty(page, live_server, screenshot, front):
    page.goto(live_server.url + front.get_absolute_url())
    page.get_by_role("link", name="Registrar una dificultad").click()
    page.fill("#id_title", "La cantera se opone al cierre")
    page.fill("#id_description", "Los volqueteros dicen que pierden un día de trabajo.")
    page.select_option("#id_kind", label="Social")
    page.select_option("#id_likelihood", "4")
    page.select_option("#id_impact", "5")
    page.fill("#id_mitigation", "Mesa con los volqueteros y ruta alterna.")
    screenshot(page, "difficulty-form")
    page.get_by_role("button", name="Guardar").click()
    page.get_by_text("La dificultad quedó registrada.").wait_for()
    assert Difficulty.objects.get().front == front


def _find_it_in_the_risk_matrix(page, screenshot):
    page.get_by_role("link", name="Frente de movilidad").first.click()
    page.get_by_role("heading", name="Matriz de riesgos").wait_for()
    cell = page.locator('td[data-likelihood="4"][data-impact="5"]')
    assert cell.inner_text().strip() == "1"
    assert "band-high" in (cell.get_attribute("class") or "")
    # The cell's count leads to the difficulty's title, listed under the matrix.
    cell.get_by_role("link").click()
    assert "La cantera se opone al cierre" in page.locator("#celda-4-5").inner_text()
    screenshot(page, "risk-matrix")
