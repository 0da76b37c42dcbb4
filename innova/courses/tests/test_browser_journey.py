"""A resident registers for a workshop, shows the QR, is checked in by the organiser; then finishes a course and
downloads the certificate (its first page is rendered to PNG next to the screenshots)."""

import re
import subprocess

import pytest
from django.utils import timezone

from innova.agenda.models import Registration
from innova.courses import services as course_services
from innova.courses.models import Certificate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_check_in_and_certificate(
    browser_context_factory, live_server, logged_in_page, screenshot, make_user, make_course, request
):
    make_event = request.getfixturevalue("make_event")
    organiser = make_user("facilitator", display_name="Paola (Laboratorio)")
    citizen = make_user("citizen", display_name="Marleny", first_name="Marleny", last_name="Rodríguez")
    event = make_event(organiser=organiser, title="Taller de cartografía social", latitude=4.522, longitude=-74.118)

    # 1. The resident registers with one click and sees the QR code.
    page = logged_in_page(citizen)
    registration = _register_and_see_the_qr(page, live_server, screenshot, event, citizen)

    # 2. The organiser checks her in on a phone: the camera is offered only where the browser reads QR codes;
    #    typing the code always works.
    staff_page = logged_in_page(organiser)
    _check_in_by_code_once_only(staff_page, live_server, screenshot, event, registration)
    page.reload()
    assert "Asistió" in page.content()

    # 3. A course: she enrolls, the instructor marks attendance and the final activity, she downloads the PDF.
    course = make_course(sessions=2, instructor=organiser, title="Innovación pública para líderes comunitarios")
    page.goto(live_server.url + course.get_absolute_url())
    page.get_by_role("button", name="Inscribirme").click()
    page.get_by_text("Quedó inscrita/o").wait_for()
    staff_page.goto(live_server.url + f"/cursos/{course.slug}/asistencia/")
    for checkbox in staff_page.locator(".roster input[type=checkbox]").all():
        checkbox.check()
    screenshot(staff_page, "attendance-grid")
    staff_page.get_by_role("button", name="Guardar asistencia").click()
    staff_page.get_by_text("Certificados emitidos: 1").wait_for()
    certificate = Certificate.objects.get(enrollment__user=citizen)
    text = _download_the_certificate_pdf(page, live_server, screenshot)
    assert "Marleny Rodríguez" in text and certificate.code in text and "Innovación pública" in text

    # 4. Anyone can verify it from the URL printed on it.
    visitor = browser_context_factory().new_page()
    assert f"/certificados/{certificate.code}/" in text
    visitor.goto(live_server.url + certificate.get_absolute_url())
    visitor.get_by_text("Certificado válido").wait_for()
    screenshot(visitor, "verification")
    course_services  # noqa: B018 - the journey goes through the real services behind the pages


def _register_and_see_the_qr(page, live_server, screenshot, event, citizen) -> Registration:
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    page.goto(live_server.url + f"/agenda/calendario/?mes={month}")
    page.locator(".calendar").get_by_role("link", name=re.compile("Taller de cartografía social")).wait_for()
    screenshot(page, "month-calendar")
    page.goto(live_server.url + "/agenda/")
    screenshot(page, "agenda-list")
    page.get_by_role("link", name="Taller de cartografía social").click()
    page.locator("#detail-map .leaflet-marker-icon").wait_for()
    screenshot(page, "event-detail")
    page.get_by_role("button", name="Inscribirme").click()
    page.get_by_text("Quedó inscrita/o").wait_for()
    registration = Registration.objects.get(event=event, user=citizen)
    qr = page.locator(".qr-box svg")
    assert qr.is_visible() and registration.code in page.locator(".qr-code").inner_text()
    screenshot(page, "registration-qr")
    page.goto(live_server.url + "/agenda/mis-inscripciones/")
    page.get_by_text("Mostrar mi código QR").click()
    screenshot(page, "my-registrations")
    return registration


def _check_in_by_code_once_only(staff_page, live_server, screenshot, event, registration):
    staff_page.goto(live_server.url + f"/agenda/{event.pk}/asistencia/")
    staff_page.fill("#id_code", registration.code)
    screenshot(staff_page, "check-in-page")
    staff_page.locator("#code-form").get_by_role("button", name="Registrar llegada").click()
    staff_page.get_by_text("Llegada de Marleny registrada").wait_for()
    screenshot(staff_page, "checked-in")
    # A second scan of the same code is refused.
    staff_page.fill("#id_code", registration.code)
    staff_page.locator("#code-form").get_by_role("button", name="Registrar llegada").click()
    staff_page.get_by_text("ya registró su llegada").wait_for()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def _download_the_certificate_pdf(page, live_server, screenshot) -> str:
    """Downloads the certificate from "my courses", renders its first page to PNG and returns its text."""
    page.goto(live_server.url + "/cursos/mis-cursos/")
    screenshot(page, "my-courses")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar mi certificado (PDF)").click()
    folder = screenshot(page, "certificate-link").parent
    pdf_path = folder / "certificado.pdf"
    download_info.value.save_as(str(pdf_path))
    assert pdf_path.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path), str(folder / "99-pdf")],
        check=True,
    )
    assert (folder / "99-pdf.png").stat().st_size > 5000
    return subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
