"""Who may vote and propose, moderation before showing, one vote per person and statement, anonymous browsers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from innova.debates import services as debate_services
from innova.opinions import services
from innova.opinions.models import Participant, Statement, StatementStatus, Vote
from innova.opinions.views import PARTICIPANT

PARTICIPANT_COOKIE = PARTICIPANT.cookie

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "unverified_official", "official", "facilitator", "administrator"]


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


# --- Rules: role x debate state ---------------------------------------------------------------------------------

PARTICIPATE = {  # (anonymous allowed?, open?) -> roles that may vote and propose
    (False, True): {"citizen", "unverified_official", "official", "facilitator", "administrator"},
    (True, True): set(ROLES),
    (False, False): set(),  # a closed debate takes no votes, from administrators either
    (True, False): set(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("anonymous_allowed", [False, True])
@pytest.mark.parametrize("is_open", [True, False])
def test_participate_rule_matrix(request, facilitator, role, anonymous_allowed, is_open):
    from innova.debates.testing import make_debate

    debate = make_debate(author=facilitator, allow_anonymous_opinions=anonymous_allowed)
    if not is_open:
        debate = debate_services.debate_close(actor=facilitator, debate=debate, conclusion="Cerrado.")
    user = _user(request, role)
    assert user.has_perm("opinions.participate", debate) == (role in PARTICIPATE[(anonymous_allowed, is_open)])
    if not is_open:
        with pytest.raises((PermissionDenied, ValidationError)):
            services.statement_submit(user=user, debate=debate, text="Una afirmación")


@pytest.mark.parametrize(
    "perm,roles",
    [
        ("opinions.moderate_statement", {"facilitator", "administrator"}),
        ("opinions.import_polis", {"facilitator", "administrator"}),
        ("opinions.export_polis", {"official", "facilitator", "administrator"}),
        ("opinions.view_map", set(ROLES)),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_facilitation_rule_matrix(request, debate, perm, roles, role):
    assert _user(request, role).has_perm(perm, debate) == (role in roles)


def test_no_opinion_map_no_pages(client, facilitator):
    from innova.debates.testing import make_debate

    debate = make_debate(author=facilitator, has_opinion_map=False)
    assert client.get(reverse("opinions:map", args=[debate.pk])).status_code == 404


# --- Moderation -------------------------------------------------------------------------------------------------


def test_participants_statements_wait_for_review_and_are_not_shown(client, debate, citizen, facilitator):
    participant = services.participant_get_or_create(debate=debate, user=citizen)
    statement = services.statement_submit(
        user=citizen, debate=debate, text="  Faltan   rutas de bus  ", participant=participant
    )
    assert statement.status == StatementStatus.PENDING and statement.text == "Faltan rutas de bus"
    seeded = services.statement_submit(user=facilitator, debate=debate, text="Hay que arreglar la vía")
    assert seeded.status == StatementStatus.APPROVED

    client.force_login(citizen)
    page = client.get(reverse("opinions:vote", args=[debate.pk])).content.decode()
    assert "Hay que arreglar la vía" in page and "Faltan rutas de bus" not in page
    response = client.post(reverse("opinions:vote", args=[debate.pk]), {"statement": statement.pk, "value": 1})
    assert response.status_code == 400 and not Vote.objects.exists()
    with pytest.raises(PermissionDenied):
        services.statement_moderate(actor=citizen, statement=statement, approve=True)

    client.force_login(facilitator)
    queue = client.get(reverse("opinions:moderate", args=[debate.pk])).content.decode()
    assert "Faltan rutas de bus" in queue
    client.post(reverse("opinions:moderate", args=[debate.pk]), {"statement": statement.pk, "decision": "approve"})
    statement.refresh_from_db()
    assert statement.status == StatementStatus.APPROVED and statement.moderated_by == facilitator
    client.force_login(citizen)
    services.vote_cast(user=citizen, participant=participant, statement=seeded, value=1)
    page = client.get(reverse("opinions:vote", args=[debate.pk])).content.decode()
    assert "Faltan rutas de bus" in page


def test_rejected_statement_is_never_shown(debate, citizen, facilitator):
    statement = services.statement_submit(user=citizen, debate=debate, text="Texto ofensivo")
    services.statement_moderate(actor=facilitator, statement=statement, approve=False)
    from innova.opinions import selectors

    assert selectors.statement_next(debate=debate, participant=None) is None


def test_statement_validation_keeps_the_text(client, debate, citizen):
    client.force_login(citizen)
    long_text = "x" * 141
    response = client.post(reverse("opinions:propose", args=[debate.pk]), {"text": long_text})
    assert response.status_code == 200 and long_text in response.content.decode()
    assert "140" in response.content.decode()
    services.statement_submit(user=citizen, debate=debate, text="Más parques")
    with pytest.raises(ValidationError):
        services.statement_submit(user=citizen, debate=debate, text="más  PARQUES")
    assert not Statement.objects.filter(text=long_text).exists()


# --- Votes ------------------------------------------------------------------------------------------------------


def test_one_vote_per_participant_and_statement_and_it_can_change(client, debate, citizen, make_statements):
    first, second = make_statements(debate, 2)
    client.force_login(citizen)
    url = reverse("opinions:vote", args=[debate.pk])
    assert client.post(url, {"statement": first.pk, "value": 1}).status_code == 302
    assert client.post(url, {"statement": first.pk, "value": -1, "next": "my_votes"}).status_code == 302
    vote = Vote.objects.get()
    assert vote.value == -1 and vote.statement == first
    assert Participant.objects.filter(debate=debate, user=citizen).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(participant=vote.participant, statement=first, value=0)
    mine = client.get(reverse("opinions:my_votes", args=[debate.pk])).content.decode()
    assert first.text in mine and second.text not in mine
    assert client.post(url, {"statement": second.pk, "value": 7}).status_code == 400


def test_htmx_vote_swaps_in_the_next_card(client, debate, citizen, make_statements):
    first, second = make_statements(debate, 2)
    client.force_login(citizen)
    response = client.post(
        reverse("opinions:vote", args=[debate.pk]), {"statement": first.pk, "value": 0}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="vote-card"' in html and "<html" not in html
    assert second.text in html


def test_closed_debate_refuses_votes(client, debate, citizen, facilitator, make_statements):
    (statement,) = make_statements(debate, 1)
    participant = services.participant_get_or_create(debate=debate, user=citizen)
    debate_services.debate_close(actor=facilitator, debate=debate, conclusion="Se decidió.")
    debate.refresh_from_db()
    participant.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.vote_cast(user=citizen, participant=participant, statement=statement, value=1)
    client.force_login(citizen)
    response = client.post(reverse("opinions:vote", args=[debate.pk]), {"statement": statement.pk, "value": 1})
    assert response.status_code == 200 and not Vote.objects.exists()


# --- Anonymous participants -------------------------------------------------------------------------------------


def test_anonymous_refused_unless_the_debate_allows_it(client, debate, make_statements):
    (statement,) = make_statements(debate, 1)
    response = client.post(reverse("opinions:vote", args=[debate.pk]), {"statement": statement.pk, "value": 1})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert not Vote.objects.exists()
    with pytest.raises(PermissionDenied):
        services.participant_get_or_create(debate=debate, user=AnonymousUser(), anonymous_key="abc")


def test_anonymous_browser_gets_one_pseudonymous_participant(client, anonymous_debate, make_statements):
    first, second = make_statements(anonymous_debate, 2)
    url = reverse("opinions:vote", args=[anonymous_debate.pk])
    response = client.post(url, {"statement": first.pk, "value": 1})
    assert response.status_code == 302
    cookie = response.cookies[PARTICIPANT_COOKIE]
    assert cookie["httponly"] and cookie.value
    # With htmx, the next card already belongs to the new participant (before the browser stores the cookie).
    other_client = client.__class__()
    card = other_client.post(url, {"statement": first.pk, "value": 1}, HTTP_HX_REQUEST="true").content.decode()
    assert "Ha votado 1 de 2 frases." in card and second.text in card
    client.post(url, {"statement": second.pk, "value": -1})
    client.post(url, {"statement": first.pk, "value": 0})
    participant = Participant.objects.get(anonymous_key=client.cookies[PARTICIPANT_COOKIE].value.split(":")[0])
    assert Participant.objects.count() == 2
    assert participant.user is None and participant.anonymous_key
    assert dict(participant.votes.values_list("statement_id", "value")) == {first.pk: 0, second.pk: -1}
    # A forged cookie is not a participant: it starts a new one instead of taking over someone else's votes.
    other = client.__class__()
    other.cookies[PARTICIPANT_COOKIE] = participant.anonymous_key  # unsigned
    other.post(url, {"statement": first.pk, "value": 1})
    assert Participant.objects.count() == 3
    assert participant.votes.get(statement=first).value == 0


def test_proposing_is_rate_limited_and_keeps_the_text(client, debate, citizen, settings):
    settings.INNOVA_RATE_LIMITS = {"comment": (1, 600)}
    client.force_login(citizen)
    url = reverse("opinions:propose", args=[debate.pk])
    assert client.post(url, {"text": "Primera frase"}).status_code == 302
    response = client.post(url, {"text": "Segunda frase"})
    assert response.status_code == 429 and "Segunda frase" in response.content.decode()
    assert Statement.objects.filter(debate=debate).count() == 1
