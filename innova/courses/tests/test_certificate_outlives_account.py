"""A graduate deletes their account; the printed certificate still verifies (issue #19: it answered "Inválido")."""

import pytest

from innova.courses import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_certificate_still_verifies_after_the_graduate_deletes_the_account(
    browser_context_factory, live_server, logged_in_page, screenshot, make_user, make_course
):
    course = make_course(sessions=1, requires_final_activity=False)
    graduate = make_user("citizen", first_name="Marleny", last_name="Rodríguez")
    enrollment = services.course_enroll(user=graduate, course=course)
    services.attendance_set(
        actor=make_user("facilitator"), session=course.sessions.first(), enrollment=enrollment, present=True
    )
    code = enrollment.certificate.code

    # The graduate deletes the account from the profile.
    page = logged_in_page(graduate)
    page.goto(live_server.url + "/cuenta/perfil/eliminar/")
    page.get_by_text("siguen siendo verificables").wait_for()
    page.get_by_label("Escriba ELIMINAR para confirmar").fill("ELIMINAR")
    page.get_by_role("button", name="Eliminar mi cuenta").click()
    page.get_by_text("Su cuenta fue eliminada").wait_for()

    # An employer checks the printed code: still valid, with the name as printed, the course and the date.
    visitor = browser_context_factory().new_page()
    response = visitor.goto(live_server.url + f"/certificados/{code}/")
    assert response.status == 200
    visitor.get_by_text("Certificado válido").wait_for()
    screenshot(visitor, "verified-after-deletion")
    details = visitor.locator("dl").inner_text()
    assert "Marleny Rodríguez" in details and course.title in details and str(course.hours) in details
    assert "Fecha" in details

    # The personal-data policy says the certificate is kept and why.
    visitor.goto(live_server.url + "/politica-de-datos/")
    policy = visitor.locator("main").inner_text()
    assert "Certificados de los cursos" in policy and "aunque después elimine su cuenta" in policy
