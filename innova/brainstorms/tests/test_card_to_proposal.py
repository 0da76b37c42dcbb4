import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from innova.brainstorms.models import Phase
from innova.brainstorms.services.boards import board_phase_set
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.conversion import card_to_problem, card_to_proposal
from innova.problems import trail
from innova.problems.models import Theme
from innova.proposals import services as proposal_services
from innova.proposals.models import Origin, Proposal
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


def test_closed_card_becomes_a_draft_proposal_of_whoever_clicks(client, make_board, make_user, someone):
    facilitator = make_user("facilitator")
    board = make_board(actor=facilitator, prompt="¿Qué arreglamos primero?")
    card = card_post(board=board, someone=someone(facilitator), text="Huerta comunitaria en el salón comunal")
    citizen = make_user("citizen")
    url = reverse("brainstorms:card_proposal", args=[board.pk, card.pk])
    assert client.post(url).status_code == 302 and not Proposal.objects.exists()  # anonymous: to log in
    with pytest.raises(ValidationError):
        card_to_proposal(actor=citizen, card=card)  # the board is still open
    board_phase_set(actor=facilitator, board=board, phase=Phase.CLOSED)
    client.force_login(citizen)
    assert url in client.get(board.get_absolute_url()).content.decode()
    response = client.post(url)
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == proposal.get_absolute_url()
    assert proposal.author == citizen and proposal.published_at is None and proposal.origin == Origin.CARD
    assert proposal.source_card_id == card.pk and proposal.title == card.text
    assert client.post(url).url == proposal.get_absolute_url()  # clicking twice opens the same draft
    assert Proposal.objects.count() == 1
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert board.get_absolute_url() in html  # linked back to the board


def test_board_shows_in_the_trail_of_the_problem(make_board, make_user, someone):
    facilitator = make_user("facilitator")
    board = make_board(actor=facilitator, prompt="¿Cómo cuidamos la quebrada?")
    card = card_post(board=board, someone=someone(facilitator), text="Limpiar la quebrada Yomasa")
    board_phase_set(actor=facilitator, board=board, phase=Phase.CLOSED)
    problem = card_to_problem(
        actor=facilitator, card=card, theme=Theme.objects.get(slug="movilidad"), upz=Upz.objects.get(code="57")
    )
    citizen = make_user("citizen")
    proposal = card_to_proposal(actor=citizen, card=card)
    assert list(proposal.problems.all()) == [problem]
    proposal_services.proposal_publish(user=citizen, proposal=proposal)
    titles = [entry.title for entry in trail.trail_for(problem)]
    assert board.prompt in titles and proposal.title in titles
