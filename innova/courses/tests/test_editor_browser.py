"""A facilitator builds a course in the site (no Django admin), on a phone; a resident then finds it."""

import pytest

from innova.courses.models import Course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_builds_and_publishes_a_course(live_server, logged_in_page, screenshot, make_user, tmp_path):
    facilitator = make_user("facilitator", display_name="Paola (Laboratorio)")
    resident = make_user("citizen", display_name="Marleny")
    page = logged_in_page(facilitator)
    page.goto(live_server.url + "/cursos/")
    page.get_by_role("link", name="Nuevo curso").click()
    page.fill("#id_title", "Huertas urbanas en Usme")
    page.fill("#id_summary", "Cultivar en terrazas y lotes del barrio.")
    page.fill("#id_description", "Cuatro encuentros prácticos en la huerta comunitaria de La Flora.")
    page.fill("#id_hours", "8")
    page.fill("#id_final_activity", "")
    page.check("#id_requires_final_activity")
    page.get_by_role("button", name="Guardar el curso").click()
    # Refused with a clear message, nothing typed is lost.
    page.get_by_text("Describa la actividad final").wait_for()
    assert page.input_value("#id_title") == "Huertas urbanas en Usme"
    screenshot(page, "course-form-error")
    page.fill("#id_final_activity", "Sembrar una cama de cultivo")
    page.get_by_role("button", name="Guardar el curso").click()
    course = _add_a_session_and_a_material(page, live_server, screenshot, tmp_path)
    page.goto(live_server.url + course.get_absolute_url())
    page.get_by_text("Borrador: solo el laboratorio").wait_for()
    page.get_by_role("button", name="Publicar el curso").click()
    page.get_by_text("El curso está publicado.").wait_for()
    screenshot(page, "published")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The resident finds it in the list, with its session and material.
    resident_page = logged_in_page(resident)
    resident_page.goto(live_server.url + "/cursos/")
    resident_page.get_by_role("link", name="Huertas urbanas en Usme").click()
    resident_page.get_by_text("El suelo y el compost").wait_for()
    resident_page.get_by_role("link", name="Guía de compostaje").wait_for()
    assert (
        resident_page.get_by_role("button", name="Inscribirme").count()
        + resident_page.get_by_role("button", name="Inscribirse").count()
        >= 1
    )
    screenshot(resident_page, "resident-sees-course")


def _add_a_session_and_a_material(page, live_server, screenshot, tmp_path) -> Course:
    page.get_by_role("heading", name="Sesiones").wait_for()
    page.fill("#id_module", "Módulo 1")
    page.fill("#id_title", "El suelo y el compost")
    page.fill("#id_order", "1")
    page.fill("#id_starts_at", "2027-02-06T09:00")
    page.get_by_role("button", name="Guardar la sesión").click()
    page.get_by_text("El suelo y el compost").wait_for()
    screenshot(page, "sessions")
    course = Course.objects.get(title="Huertas urbanas en Usme")
    page.goto(live_server.url + f"/cursos/{course.slug}/materiales/")
    guide = tmp_path / "guia-compost.pdf"
    guide.write_bytes(b"%PDF-1.4\n% guia de compost\n")
    page.fill("#id_title", "Guía de compostaje")
    page.set_input_files("#id_file", str(guide))
    page.get_by_role("button", name="Agregar el material").click()
    page.get_by_role("link", name="Guía de compostaje").wait_for()
    screenshot(page, "materials")
    return course
