"""The offline web app: a report written without connection is sent once when the connection returns."""

import pytest

from innova.problems.models import Problem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_written_offline_is_published_once_when_back_online(
    browser_context_factory, live_server, login_browser, screenshot, make_user
):
    citizen = make_user("citizen", display_name="Don Efraín")
    context = browser_context_factory()
    login_browser(context, citizen)
    page = context.new_page()
    page.goto(live_server.url + "/problemas/nuevo/")
    page.evaluate("navigator.serviceWorker.ready")

    context.set_offline(True)
    # Chromium tells the page it went offline asynchronously; a submit before that would go to the network.
    page.wait_for_function("!navigator.onLine")
    page.fill("#id_title", "Se inundó la calle de la escuela en Olarte")
    page.fill("#id_description", "Cada vez que llueve el agua entra a las casas de la vereda.")
    page.select_option("#id_theme", label="Ambiente")
    page.select_option("#id_upz", label="Zona rural de Usme")
    page.get_by_role("button", name="Publicar el problema").click()
    status = page.locator("#offline-status")
    status.get_by_text("Pendiente de envío (1)").wait_for()
    assert "Se inundó la calle" in status.inner_text()
    screenshot(page, "pending-offline")
    assert Problem.objects.count() == 0

    context.set_offline(False)
    status.get_by_text("Enviado y publicado").wait_for()
    screenshot(page, "sent-when-online")
    problem = Problem.objects.get()
    assert problem.published_at is not None and problem.upz.code == "RURAL" and problem.client_key is not None

    # A retry of the same submission (same idempotency key) never makes a duplicate.
    page.evaluate(
        """async (key) => {
            const body = new FormData();
            body.append("csrfmiddlewaretoken", document.querySelector("[name=csrfmiddlewaretoken]").value);
            const fields = {title: "Se inundó la calle de la escuela en Olarte", client_key: key,
                description: "Cada vez que llueve el agua entra a las casas de la vereda."};
            for (const [k, v] of Object.entries(fields)) body.append(k, v);
            body.append("theme", document.querySelector("#id_theme option:nth-child(4)").value);
            body.append("upz", document.querySelector("#id_upz option:last-child").value);
            await fetch("/problemas/nuevo/", {method: "POST", body, credentials: "same-origin",
                headers: {"X-Innova-Offline-Queue": "1", "X-CSRFToken": body.get("csrfmiddlewaretoken")}});
        }""",
        str(problem.client_key),
    )
    assert Problem.objects.count() == 1


def test_visited_pages_open_offline_marked_as_possibly_outdated(
    browser_context_factory, live_server, screenshot, make_problem
):
    make_problem(title="Huecos en la vía a Usme Pueblo")
    context = browser_context_factory()
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.evaluate("navigator.serviceWorker.ready")
    page.goto(live_server.url + "/problemas/")  # now controlled by the service worker, which keeps a copy
    page.get_by_text("Huecos en la vía a Usme Pueblo").wait_for()
    context.set_offline(True)
    page.wait_for_function("!navigator.onLine")
    page.goto(live_server.url + "/problemas/")
    assert page.get_by_text("Huecos en la vía a Usme Pueblo").is_visible()
    assert "puede estar desactualizada" in page.locator("#offline-status").inner_text()
    screenshot(page, "offline-copy")
