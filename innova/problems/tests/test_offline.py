"""The offline web app: a report written without connection is sent once when the connection returns.

The queue sends it to the API's report endpoint in the browser's session (with its CSRF token), as the web form
holds it: theme and UPZ by id, a photo description, an idempotency key.
"""

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innova.problems.models import Problem

from .conftest import jpeg_with_gps

API = "/api/v1/problems/"


def _queued(theme, upz, **extra) -> dict:
    """What the offline script sends for a report it kept: the form's fields, theme and UPZ by their ids."""
    return {
        "title": "Se inundó la calle de la escuela en Olarte",
        "description": "Cada vez que llueve el agua entra a las casas de la vereda.",
        "theme_id": theme.pk,
        "upz_id": upz.pk,
        "place_description": "Vereda Olarte, frente a la escuela",
        **extra,
    }


@pytest.fixture
def phone(citizen):
    """The resident's browser: logged in, with the CSRF token the pages give (the API checks it for sessions)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    client.get(reverse("problems:report"))
    client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    return client


@pytest.mark.django_db
def test_queued_report_sent_twice_is_published_once(phone, citizen, theme, upz):
    key = str(uuid.uuid4())
    first = phone.post(API, _queued(theme, upz), headers={"Idempotency-Key": key})
    again = phone.post(API, _queued(theme, upz), headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    problem = Problem.objects.get()
    assert problem.author == citizen and problem.published_at is not None and str(problem.client_key) == key
    assert problem.channel == "web" and problem.place_description == "Vereda Olarte, frente a la escuela"


@pytest.mark.django_db
def test_queued_report_keeps_its_photo_and_its_description(phone, theme, upz, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # as a phone's big photo arrives: in a temporary file
    data = _queued(theme, upz, client_key=str(uuid.uuid4()), photo_alt="El agua en la puerta")
    assert phone.post(API, {**data, "photos": [jpeg_with_gps()]}).status_code == 201
    assert Problem.objects.get().photos.get().alt_text == "El agua en la puerta"


@pytest.mark.django_db
def test_without_the_sessions_csrf_token_nothing_is_created(phone, theme, upz):
    response = phone.post(API, _queued(theme, upz), HTTP_X_CSRFTOKEN="")
    assert response.status_code == 403 and not Problem.objects.exists()


@pytest.mark.django_db
def test_logged_out_the_queue_keeps_the_report(theme, upz):
    response = Client().post(API, _queued(theme, upz, client_key=str(uuid.uuid4())))
    assert response.status_code in (401, 403) and "detail" in response.json()  # the script keeps the item
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_invalid_report_is_refused_with_the_forms_spanish_messages(phone, theme, upz):
    response = phone.post(API, _queued(theme, upz, title="", theme_id=""))
    assert response.status_code == 400
    errors = response.json()
    assert errors["title"] == ["Escriba un título corto para el problema."]
    assert errors["theme"] == ["Elija el tema que mejor le corresponda."]
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_report_hidden_between_two_sends_of_its_key_answers_again_without_error(phone, theme, upz):
    """Moderation hid it after the first send; the queue's retry must not meet a server error (it would retry
    forever)."""
    key = str(uuid.uuid4())
    first = phone.post(API, _queued(theme, upz), headers={"Idempotency-Key": key})
    Problem.objects.filter(pk=first.json()["id"]).update(hidden_at=timezone.now(), hidden_reason="spam")
    again = phone.post(API, _queued(theme, upz), headers={"Idempotency-Key": key})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert Problem.objects.count() == 1


@pytest.mark.django_db
def test_rate_limited_report_is_429_with_retry_after(phone, theme, upz, settings):
    settings.INNOVA_RATE_LIMITS = {"report": (1, 3600)}
    assert phone.post(API, _queued(theme, upz, client_key=str(uuid.uuid4()))).status_code == 201
    refused = phone.post(API, _queued(theme, upz, client_key=str(uuid.uuid4())))
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert "Espere" in refused.json()["detail"]
    assert Problem.objects.count() == 1


@pytest.mark.django_db
def test_report_queued_by_the_old_script_is_still_delivered_once(phone, theme, upz):
    """The previous script posted to the report page with a header, theme and UPZ named as in the form."""
    key = str(uuid.uuid4())
    fields = {**_queued(theme, upz, client_key=key), "theme": theme.pk, "upz": upz.pk}
    del fields["theme_id"], fields["upz_id"]
    headers = {"X-Innova-Offline-Queue": "1"}
    answers = [phone.post(reverse("problems:report"), fields, headers=headers) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [201, 201]
    problem = Problem.objects.get()
    assert problem.published_at is not None and str(problem.client_key) == key and problem.upz == upz
    logged_out = Client().post(reverse("problems:report"), fields, headers=headers)
    assert logged_out.status_code in (401, 403)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_written_offline_is_published_once_when_back_online(live_server, logged_in_page, screenshot, make_user):
    citizen = make_user("citizen", display_name="Don Efraín")
    page = logged_in_page(citizen)
    page.goto(live_server.url + "/problemas/nuevo/")
    page.evaluate("navigator.serviceWorker.ready")

    page.context.set_offline(True)
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

    page.context.set_offline(False)
    status.get_by_text("Enviado y publicado").wait_for()
    screenshot(page, "sent-when-online")
    problem = Problem.objects.get()
    assert problem.published_at is not None and problem.upz.code == "RURAL" and problem.client_key is not None

    # A retry of the same submission (same idempotency key), here as the previous script sent it, makes no duplicate.
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_left_by_the_previous_script_is_sent_on_the_next_page(
    live_server, logged_in_page, make_user, theme, upz
):
    """The previous version queued for the report page, theme and UPZ named as in the form: this one sends it."""
    page = logged_in_page(make_user("citizen"))
    page.goto(live_server.url + "/problemas/nuevo/")
    key = str(uuid.uuid4())
    page.evaluate(
        """([theme, upz, key]) => localStorage.setItem("innova-offline-queue", JSON.stringify([{
            key, action: location.origin + "/problemas/nuevo/", title: "Poste caído en la vereda",
            fields: {csrfmiddlewaretoken: document.querySelector("[name=csrfmiddlewaretoken]").value,
                title: "Poste caído en la vereda", client_key: key,
                description: "El poste de la luz está en el suelo desde ayer.", theme: String(theme), upz: String(upz)}
        }]))""",
        [theme.pk, upz.pk, key],
    )
    page.reload()
    page.locator("#offline-status").get_by_text("Enviado y publicado: Poste caído en la vereda").wait_for()
    problem = Problem.objects.get()
    assert problem.published_at is not None and str(problem.client_key) == key and problem.upz == upz


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
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
    page.context.set_offline(True)
    page.wait_for_function("!navigator.onLine")
    page.goto(live_server.url + "/problemas/")
    assert page.get_by_text("Huecos en la vía a Usme Pueblo").is_visible()
    assert "puede estar desactualizada" in page.locator("#offline-status").inner_text()
    screenshot(page, "offline-copy")


def _queue_in_browser(page, theme, upz, changed=None):
    """A report the offline script kept on the phone (form names: theme and UPZ by id)."""
    key = str(uuid.uuid4())
    page.evaluate(
        """([fields, key]) => localStorage.setItem("innova-offline-queue", JSON.stringify([{
            key, action: location.origin + "/problemas/nuevo/", title: fields.title,
            fields: {...fields, client_key: key}
        }]))""",
        [
            {
                "title": "Poste caído en la vereda",
                "description": "El poste de la luz está en el suelo desde ayer.",
                "theme": str(theme.pk),
                "upz": str(upz.pk),
                **(changed or {}),
            },
            key,
        ],
    )
    return key


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_refused_report_comes_back_into_the_form_with_the_reason(
    live_server, logged_in_page, screenshot, make_user, theme, upz
):
    """Sent when back online but invalid (no theme): nothing the person wrote is lost; the form gets it back."""
    page = logged_in_page(make_user("citizen"))
    page.goto(live_server.url + "/")
    _queue_in_browser(page, theme, upz, changed={"theme": "", "anonymous": "on"})
    page.reload()
    status = page.locator("#offline-status")
    status.get_by_text("No se pudo publicar: Poste caído en la vereda.").wait_for()
    assert "Elija el tema" in status.inner_text() and "abra «Reportar un problema»" in status.inner_text()
    assert not Problem.objects.exists()

    page.goto(live_server.url + "/problemas/nuevo/")
    status.get_by_text("Está de nuevo en este formulario").wait_for()
    assert page.input_value("#id_title") == "Poste caído en la vereda"
    assert "desde ayer" in page.input_value("#id_description")
    assert page.is_checked("#id_anonymous")  # the choice to publish without a name comes back too
    screenshot(page, "refused-report-back-in-the-form")
    page.select_option("#id_theme", str(theme.pk))
    page.get_by_role("button", name="Publicar el problema").click()
    page.wait_for_url(lambda url: "/problemas/nuevo/" not in url)
    problem = Problem.objects.get()
    assert problem.title == "Poste caído en la vereda" and problem.anonymous


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_logged_out_the_queue_says_to_log_in_and_keeps_the_report(browser_context_factory, live_server, theme, upz):
    page = browser_context_factory().new_page()
    page.goto(live_server.url + "/")
    _queue_in_browser(page, theme, upz)
    page.reload()
    page.locator("#offline-status").get_by_text("Inicie sesión para enviarlos").wait_for()
    assert "Pendiente de envío (1)" in page.locator("#offline-status").inner_text()
    assert page.evaluate("JSON.parse(localStorage.getItem('innova-offline-queue')).length") == 1
    assert not Problem.objects.exists()
