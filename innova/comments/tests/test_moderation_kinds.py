"""Issue #19.1: every kind of content shown publicly can be reported, reaches /moderacion/ and hiding it there takes
it off the public page."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from innova.brainstorms.services.boards import board_create
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.participation import Someone
from innova.comments.models import Flag
from innova.comments.services import comment_add
from innova.debates import services as debates
from innova.debates.models import ArgumentSide
from innova.debates.testing import make_debate
from innova.notifications.models import Notification
from innova.opinions import services as opinions

pytestmark = pytest.mark.django_db

TEXT = "Contenido ofensivo que alguien reporta"


def _comment(make_problem, facilitator, make_user):
    problem = make_problem()
    comment = comment_add(author=make_user("citizen"), target=problem, body=TEXT)
    return comment, problem.get_absolute_url(), problem.get_absolute_url()


def _argument(make_problem, facilitator, make_user):
    debate = make_debate(author=facilitator)
    argument = debates.argument_add(author=make_user("citizen"), debate=debate, side=ArgumentSide.FOR, body=TEXT)
    return argument, debate.get_absolute_url(), debate.get_absolute_url()


def _card(make_problem, facilitator, make_user):
    board = board_create(actor=facilitator, prompt="¿Cómo mejoramos el parque?")
    card = card_post(board=board, someone=Someone(user=make_user("citizen")), text=TEXT)
    return card, board.get_absolute_url(), board.get_absolute_url()


def _statement(make_problem, facilitator, make_user):
    debate = make_debate(author=facilitator)
    statement = opinions.statement_submit(user=facilitator, debate=debate, text=TEXT)
    vote = reverse("opinions:vote", args=[debate.pk])  # one statement at a time, with its report button
    return statement, vote, vote


def _proposal(make_problem, facilitator, make_user):
    from innova.proposals import services as proposals

    author = make_user("citizen")
    proposal = proposals.proposal_create(author=author, title=TEXT, summary="Resumen.", solution="Solución.")
    proposal = proposals.proposal_publish(user=author, proposal=proposal)
    return proposal, reverse("proposals:index"), proposal.get_absolute_url()


def _problem(make_problem, facilitator, make_user):
    problem = make_problem(title=TEXT)
    return problem, reverse("problems:index"), problem.get_absolute_url()


def _debate(make_problem, facilitator, make_user):
    debate = make_debate(author=facilitator, title=TEXT)
    return debate, reverse("debates:index"), debate.get_absolute_url()


KINDS = {
    "comentario": _comment,
    "argumento": _argument,
    "idea de una lluvia de ideas": _card,
    "frase": _statement,
    "propuesta": _proposal,
    "problema": _problem,
    "debate": _debate,
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_can_be_reported_and_hidden(
    client, kind, citizen, facilitator, make_problem, make_user, django_capture_on_commit_callbacks
):
    # The object, the public page that shows it (or lists it) and the page with its report button.
    target, public_page, shown_at = KINDS[kind](make_problem, facilitator, make_user)
    content_type = ContentType.objects.get_for_model(target)
    client.force_login(citizen)
    assert TEXT in client.get(public_page).content.decode()
    # The report button is where the content is shown.
    assert reverse("comments:flag_create", args=[content_type.pk, target.pk]) in client.get(shown_at).content.decode()
    response = client.post(
        reverse("comments:flag_create", args=[content_type.pk, target.pk]), {"reason": "Insulta a una vecina"}
    )
    assert response.status_code == 302
    assert Flag.objects.filter(target_id=target.pk, target_type=content_type).exists()

    client.force_login(facilitator)
    queue = client.get(reverse("comments:moderation")).content.decode()
    assert TEXT in queue and "Insulta a una vecina" in queue
    assert kind.capitalize() in queue, f"the queue names the kind in Spanish: {kind}"
    hide = reverse("comments:moderation_action", args=[content_type.pk, target.pk, "ocultar"])
    with django_capture_on_commit_callbacks(execute=True):  # the author is told, whatever the kind
        assert client.post(hide, {"reason": "Lenguaje ofensivo"}).status_code == 302
    target.refresh_from_db()
    assert target.hidden_at is not None
    if target.author != facilitator:  # nobody is told about their own action
        assert Notification.objects.filter(recipient=target.author, kind="content_hidden").exists()

    client.force_login(citizen)
    assert TEXT not in client.get(public_page).content.decode()
