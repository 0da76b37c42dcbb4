"""A resident searches, reads the transparency dashboard and downloads the data on a phone; a facilitator
regenerates the files and downloads the monthly report."""

import pytest

from innova.problems.services import problem_answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_dashboard_and_downloads(
    browser_context_factory, live_server, logged_in_page, screenshot, make_problem, make_user
):
    official = make_user("official", entity="Alcaldía Local de Usme", position="Profesional")
    trees = make_problem(title="Poda de árboles caídos en el parque", description="Los árboles tapan el andén.")
    make_problem(title="Movilidad en la vía a Usme", description="Trancones todas las mañanas.")
    problem_answer(actor=official, problem=trees, body="La poda está programada.")

    context = browser_context_factory()
    page = context.new_page()
    page.goto(live_server.url + "/buscar/")
    page.get_by_label("Buscar").fill("arboles")
    page.get_by_role("button", name="Buscar").click()
    hit = page.get_by_role("link", name="Poda de árboles caídos en el parque")
    hit.wait_for()
    assert page.locator("mark", has_text="árboles").count() >= 1
    screenshot(page, "search")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling at 360 px"

    page.goto(live_server.url + "/datos/")
    problems = page.get_by_role("region", name="Problemas: 2")  # other domains have their own sections
    problems.wait_for()
    assert problems.locator("svg").count() >= 4
    problems.get_by_text("Ver los datos como tabla").first.click()
    problems.get_by_role("cell", name="57 Gran Yomasa").wait_for()
    screenshot(page, "dashboard")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").first.click()
    assert download.value.suggested_filename == "problems.csv"

    page.goto(live_server.url + "/api/v1/")
    page.get_by_role("heading", name="API pública v1.0.0").wait_for()
    screenshot(page, "api-docs")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    staff_page = logged_in_page(make_user("facilitator"))
    staff_page.goto(live_server.url + "/datos/")
    staff_page.get_by_role("button", name="Generar los archivos ahora").click()
    staff_page.get_by_text("Los archivos de datos abiertos se generaron de nuevo.").wait_for()
    staff_page.get_by_role("link", name="Informe mensual").click()
    screenshot(staff_page, "report-form")
    with staff_page.expect_download() as download:
        staff_page.get_by_role("button", name="Descargar PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
