"""A participant at 360 px sees "−1" only on the ideas that hold one of their dots, and "+1 punto" stops when
their dots are spent — live, and again after a reload (drawn by the server)."""

import re

import pytest

from innova.brainstorms.models import Phase
from innova.brainstorms.services.boards import board_create, board_phase_set
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.participation import Someone
from innova.core.testing import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_take_back_shows_only_on_my_ideas_and_voting_stops_without_dots(
    browser_context_factory, asgi_server, screenshot, make_user
):
    facilitator = make_user("facilitator", display_name="Paola")
    citizen = make_user("citizen", display_name="Marleny")
    board = board_create(actor=facilitator, prompt="¿Qué arreglamos primero en Yomasa?", dots_per_person=2)
    ideas = [
        card_post(board=board, someone=Someone(user=facilitator), text=text, colour="verde")
        for text in ("Luminarias en el paradero", "Andén de la calle 78 sur")
    ]
    board_phase_set(actor=facilitator, board=board, phase=Phase.VOTE)

    context = browser_context_factory(width=360, height=740)
    browser_login(context, asgi_server, citizen)
    page = context.new_page()
    page.goto(asgi_server + board.get_absolute_url())
    page.locator("[data-live-status].is-live").wait_for()
    first, second = (page.locator(f"#idea-{card.pk}") for card in ideas)
    take_back = {card: card.get_by_role("button", name="−1") for card in (first, second)}
    add = {card: card.get_by_role("button", name="+1 punto") for card in (first, second)}

    # No dot placed yet: nothing to take back anywhere.
    assert not take_back[first].is_visible() and not take_back[second].is_visible()

    add[first].click()
    take_back[first].wait_for(state="visible")
    assert not take_back[second].is_visible()
    first.locator(".idea-meta", has_text=re.compile(r"· 1 punto$")).wait_for()  # not "1 puntos"
    add[first].click()
    page.locator("[data-dots-left]", has_text="0").wait_for()
    page.wait_for_function("() => [...document.querySelectorAll('form[data-live=vote] button')].every(b => b.disabled)")
    assert add[first].is_disabled() and add[second].is_disabled()
    screenshot(page, "board-dots-spent-360")

    # Drawn again by the server: the same state.
    page.reload()
    page.locator("[data-live-status].is-live").wait_for()
    assert take_back[first].is_visible() and not take_back[second].is_visible()
    assert add[first].is_disabled() and add[second].is_disabled()

    # Taking one back frees "+1 punto" again.
    take_back[first].click()
    page.locator("[data-dots-left]", has_text="1").wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('form[data-live=vote] button')].every(b => !b.disabled)"
    )
    assert take_back[first].is_visible()
