"""Two people on one live board in real browsers: one posts, the other sees it without reloading; the facilitator
moves the phase and both screens follow; the projector shows the counts live."""

import pytest

from innova.brainstorms.models import Card
from innova.brainstorms.services.boards import board_create
from innova.core.testing import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_participants_and_a_projector_on_a_live_board(browser_context_factory, asgi_server, screenshot, make_user):
    facilitator = make_user("facilitator", display_name="Paola")
    citizen = make_user("citizen", display_name="Marleny")
    board = board_create(actor=facilitator, prompt="¿Cómo hacemos más segura la vía a Usme Pueblo?", allow_guests=True)
    url = asgi_server + board.get_absolute_url()

    host = browser_context_factory()
    browser_login(host, asgi_server, facilitator)
    host_page = host.new_page()
    host_page.goto(url)
    guest = browser_context_factory()
    browser_login(guest, asgi_server, citizen)
    page = guest.new_page()
    page.goto(url)
    for each in (host_page, page):
        each.locator("[data-live-status].is-live").wait_for()

    # Marleny posts; Paola's screen shows it without a reload.
    page.fill("#id_text", "Poner luminarias en el paradero de Yomasa")
    page.select_option("#id_colour", "verde")
    page.get_by_role("button", name="Publicar idea").click()
    host_page.get_by_text("Poner luminarias en el paradero de Yomasa").wait_for()
    page.get_by_text("Poner luminarias en el paradero de Yomasa").wait_for()
    assert page.input_value("#id_text") == ""  # the form was sent live and cleared, no page load
    host_page.fill("#id_text", "Reductores de velocidad frente al colegio")
    host_page.get_by_role("button", name="Publicar idea").click()
    page.get_by_text("Reductores de velocidad frente al colegio").wait_for()
    screenshot(page, "board-ideas-360")
    screenshot(host_page, "facilitator-room-code-360")

    # The projector (1920 px) follows too.
    wall = browser_context_factory(width=1920, height=1080)
    projector = wall.new_page()
    projector.goto(asgi_server + f"/lluvias/{board.pk}/proyector/")
    projector.locator("[data-live-status].is-live").wait_for()

    # Paola moves the board to voting; Marleny's page follows by itself.
    host_page.get_by_role("button", name="Votar").click()
    host_page.get_by_text("La lluvia de ideas pasó a la fase “Votar”").wait_for()
    first = Card.objects.get(text__startswith="Poner luminarias")
    vote_button = page.locator(f"#idea-{first.pk}").get_by_role("button", name="+1 punto")
    vote_button.wait_for()
    projector.locator("[data-live-status].is-live").wait_for()
    vote_button.click()
    page.locator("[data-dots-left]", has_text="2").wait_for()
    vote_button.click()
    for each in (host_page, projector):
        each.locator(f"#idea-{first.pk} .idea-votes", has_text="2").wait_for()
    screenshot(page, "board-voting-360")
    screenshot(projector, "projector-1920", full_page=False)
    first.refresh_from_db()
    assert first.vote_count == 2
