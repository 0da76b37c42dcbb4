"""Live-board cards lose bidirectional controls and NUL like every other user text (issue #18.18)."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_hardening_18_bidi_controls_are_stripped_from_live_board_cards(make_board, make_user):
    from innova.brainstorms.models import Card
    from innova.brainstorms.tests.test_live import _client, _reply, _run

    board = make_board(actor=make_user("facilitator"))
    citizen = make_user("citizen")

    async def scenario():
        communicator = _client(board, citizen)
        assert (await communicator.connect())[0]
        await communicator.send_json_to({"action": "post", "text": "Idea \u202eetouq\u202c del barrio", "ref": 1})
        assert (await _reply(communicator))["kind"] == "ack"
        await communicator.disconnect()

    _run(scenario)
    assert list(Card.objects.values_list("text", flat=True)) == ["Idea etouq del barrio"]
