"""A neighbour without an account registers on a phone, answers the event's question, then cancels from the link."""

import pytest

from innova.agenda.models import Registration, RegistrationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_guest_registers_answers_and_cancels(browser_context_factory, live_server, screenshot, make_event, make_user):
    event = make_event(
        title="Espacio de cocreación: movilidad en la vía a Usme Pueblo",
        kind="cocreation",
        capacity=1,
        questions=["¿Necesita intérprete de lengua de señas?"],
    )
    page = browser_context_factory().new_page()
    page.goto(live_server.url + event.get_absolute_url())
    page.get_by_role("link", name="Inscribirme").click()
    page.fill("#id_name", "Doña Rosa Pardo")
    page.fill(f"#q{event.questions.get().pk}", "Sí")
    page.get_by_role("button", name="Confirmar mi inscripción").click()
    # No e-mail nor phone, no consent: clear Spanish messages, what was typed is kept.
    page.get_by_text("Escriba un correo o un teléfono").first.wait_for()
    page.get_by_text("Acepte la política de datos personales").wait_for()
    assert page.input_value("#id_name") == "Doña Rosa Pardo"
    screenshot(page, "guest-form-errors")
    page.fill("#id_phone", "3001234567")
    page.check("#id_consent")
    page.get_by_role("button", name="Confirmar mi inscripción").click()
    page.get_by_text("Quedó inscrita/o").wait_for()
    screenshot(page, "guest-qr")
    rosa = Registration.objects.get(name="Doña Rosa Pardo")
    assert rosa.answers == {"¿Necesita intérprete de lengua de señas?": "Sí"}

    # The event is now full: the next person waits; when Rosa cancels, that person gets the seat.
    from innova.agenda import services

    waiting = services.registration_create(event=event, user=make_user("citizen"))
    assert waiting.status == RegistrationStatus.WAITLISTED
    page.get_by_role("link", name="No puedo ir: cancelar mi inscripción").click()
    screenshot(page, "guest-cancel")
    page.get_by_role("button", name="Sí, cancelar").click()
    page.get_by_text("Su inscripción fue cancelada").wait_for()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
