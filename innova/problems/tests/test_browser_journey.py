"""A resident reports a problem on a phone, supports another one, and reads the official answer."""

import pytest

from innova.problems import services
from innova.problems.models import Problem, Support

from .conftest import jpeg_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_support_and_read_the_answer(live_server, logged_in_page, screenshot, make_user, make_problem, tmp_path):
    neighbour = make_user("citizen")
    existing = make_problem(
        title="Huecos en la vía a Usme Pueblo", description="Huecos profundos frente al paradero.", author=neighbour
    )
    citizen = make_user("citizen", display_name="Marleny")
    official = make_user("official", display_name="Andrés Gómez", entity="Alcaldía Local de Usme")

    page = logged_in_page(citizen)
    _fill_the_report_seeing_the_similar_hint(page, live_server, screenshot, tmp_path)
    mine = _publish_after_reviewing_the_similar(page, screenshot)

    # Support the neighbour's problem (htmx swaps the button in place).
    page.goto(live_server.url + existing.get_absolute_url())
    page.get_by_role("button", name="A mí también me afecta").click()
    page.get_by_role("button", name="A mí también me afecta (retirar)").wait_for()
    assert Support.objects.filter(problem=existing, user=citizen).exists()
    screenshot(page, "supported")

    # An official answers in public, from another browser.
    staff_page = logged_in_page(official)
    staff_page.goto(live_server.url + mine.get_absolute_url())
    staff_page.fill("#id_body", "La Unidad de Mantenimiento Vial tapará el hueco esta semana.")
    staff_page.get_by_role("button", name="Publicar respuesta oficial").click()
    staff_page.get_by_text("La respuesta oficial fue publicada").wait_for()

    _read_the_signed_answer(page, live_server, screenshot, mine)
    services  # noqa: B018 - the journey goes through the real services behind the pages


def _fill_the_report_seeing_the_similar_hint(page, live_server, screenshot, tmp_path):
    page.goto(live_server.url + "/problemas/nuevo/")
    page.fill("#id_title", "Hueco en la via a Usme pueblo")
    page.fill("#id_description", "Un hueco enorme donde se caen las motos.")
    # The similar-problems hint appears while typing (htmx), before anything is published.
    hint = page.locator("#similar-hint")
    hint.get_by_text("Huecos en la vía a Usme Pueblo").wait_for()
    screenshot(page, "similar-hint")
    page.select_option("#id_theme", label="Movilidad")
    # Mark the point on the map: the centre of the map is inside the urban UPZs.
    page.locator("#report-map").click()
    page.get_by_text("Punto marcado").wait_for()
    assert page.input_value("#id_latitude") != ""
    photo = tmp_path / "hueco.jpg"
    photo.write_bytes(jpeg_with_gps().read())
    page.set_input_files("#id_photos", str(photo))
    page.fill("#id_photo_alt", "Hueco en la vía con agua")
    screenshot(page, "report-form")


def _publish_after_reviewing_the_similar(page, screenshot) -> Problem:
    page.get_by_role("button", name="Publicar el problema").click()
    # Before publishing, the similar problem is offered again; this one is really different, so publish.
    page.get_by_role("button", name="Ninguno es el mío: publicar mi reporte").wait_for()
    screenshot(page, "review-similar")
    page.get_by_role("button", name="Ninguno es el mío: publicar mi reporte").click()
    page.get_by_text("Su problema fue publicado").wait_for()
    mine = Problem.objects.get(title="Hueco en la via a Usme pueblo")
    assert mine.published_at is not None and mine.latitude is not None and mine.upz is not None
    assert mine.photos.count() == 1
    screenshot(page, "my-problem")
    image = page.locator("img[alt='Hueco en la vía con agua']")
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the photo thumbnail must load"
    return mine


def _read_the_signed_answer(page, live_server, screenshot, mine):
    """The citizen sees the answer, signed with the official's verified role."""
    page.goto(live_server.url + mine.get_absolute_url())
    answer = page.locator(".official-answer")
    assert "tapará el hueco esta semana" in answer.inner_text()
    assert "Funcionario/a · Alcaldía Local de Usme" in answer.inner_text()
    screenshot(page, "answer-seen")
    mine.refresh_from_db()
    assert mine.answered_at is not None


def test_deadline_started_on_4_december_skips_the_holidays(
    live_server, logged_in_page, screenshot, make_user, make_problem, settings, monkeypatch
):
    """Reaching the threshold on Friday 4 December 2026: 15 working days skip 8 and 25 December (issue #19)."""
    import datetime

    from django.utils import timezone

    from innova.core.participation import BOGOTA

    settings.INNOVA_PROBLEM_SUPPORT_THRESHOLD = 2
    settings.INNOVA_ANSWER_DEADLINE_WORKING_DAYS = 15
    problem = make_problem(title="Alcantarilla destapada en Santa Librada")
    services.problem_support_set(user=make_user("citizen"), problem=problem, supported=True)
    page = logged_in_page(make_user("citizen"))
    page.goto(live_server.url + problem.get_absolute_url())
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 12, 4, 15, 0, tzinfo=BOGOTA))
    page.get_by_role("button", name="A mí también me afecta").click()
    page.get_by_role("button", name="A mí también me afecta (retirar)").wait_for()
    monkeypatch.undo()
    page.reload()
    deadline = page.get_by_text("La Alcaldía debe responder a más tardar el")
    screenshot(page, "deadline")
    text = deadline.inner_text().lower()
    assert "29 dic. 2026" in text, text  # not 25 December (Christmas), the count before holidays were skipped
