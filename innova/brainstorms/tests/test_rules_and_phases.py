"""Phases and permissions, as a matrix: who may post, vote, group and move phases, in which phase."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from innova.brainstorms.models import BoardEvent, Card, DotVote, Participant, Phase
from innova.brainstorms.services.boards import board_create, board_phase_set, guest_join
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.conversion import card_to_problem
from innova.brainstorms.services.dots import card_unvote, card_vote
from innova.brainstorms.services.groups import card_move, group_create
from innova.brainstorms.services.participation import BoardHidden
from innova.fronts import services as fronts

pytestmark = pytest.mark.django_db


def _to(board, phase, facilitator):
    return board_phase_set(actor=facilitator, board=board, phase=phase)


@pytest.mark.parametrize(
    "phase,allowed",
    [(Phase.IDEAS, True), (Phase.GROUP, False), (Phase.VOTE, False), (Phase.CLOSED, False)],
)
def test_ideas_are_posted_only_in_the_ideas_phase(make_board, facilitator, citizen, someone, phase, allowed):
    board = make_board(actor=facilitator)
    if phase != Phase.IDEAS:
        board = _to(board, phase, facilitator)
    if allowed:
        card = card_post(board=board, someone=someone(citizen), text="Más luminarias en los parques")
        assert card.author == citizen
    else:
        with pytest.raises(ValidationError) as refused:
            card_post(board=board, someone=someone(citizen), text="Tarde")
        assert "Las ideas se publican solo en la fase de ideas" in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    "role,allowed",
    [
        ("anonymous", False),
        ("citizen", True),
        ("unverified_official", True),
        ("contractor", True),
        ("official", True),
        ("facilitator", True),
        ("administrator", True),
    ],
)
def test_who_posts_on_an_open_call(request, make_board, facilitator, someone, role, allowed):
    board = make_board(actor=facilitator)
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    if allowed:
        card_post(board=board, someone=someone(user), text="Idea")
    else:
        with pytest.raises(PermissionDenied, match="Inicie sesión o entre como invitado"):
            card_post(board=board, someone=someone(user), text="Idea")


@pytest.mark.parametrize(
    "role,member,allowed",
    [
        ("citizen", False, False),
        ("citizen", True, True),
        ("official", False, False),
        ("official", True, True),
        ("facilitator", False, True),  # lab staff facilitate any board
        ("administrator", False, True),
    ],
)
def test_members_only_board(request, make_user, someone, role, member, allowed):
    coordinator = make_user("facilitator")
    front = fronts.front_create(creator=coordinator, name="Frente", theme=_theme(), description="x")
    board = board_create(actor=coordinator, prompt="¿Qué hacemos?", front=front, members_only=True)
    user = request.getfixturevalue(role)
    if member:
        fronts.front_join(user=user, front=front)
    if allowed:
        card_post(board=board, someone=someone(user), text="Idea")
    else:  # to a non-member the board does not exist (its page answers 404 and says whom it is for)
        with pytest.raises(BoardHidden):
            card_post(board=board, someone=someone(user), text="Idea")


def _theme():
    from innova.problems.models import Theme

    return Theme.objects.get(slug="movilidad")


def test_guests_only_when_the_board_allows_them(make_board, facilitator, someone):
    closed_to_guests = make_board(actor=facilitator)
    with pytest.raises(PermissionDenied, match="no recibe invitados"):
        guest_join(board=closed_to_guests, nickname="Doña Rosa", accept_policy=True)
    open_board = make_board(actor=facilitator, allow_guests=True)
    with pytest.raises(ValidationError, match="Acepte la política de datos"):
        guest_join(board=open_board, nickname="Doña Rosa", accept_policy=False)
    with pytest.raises(ValidationError, match="apodo"):
        guest_join(board=open_board, nickname="R", accept_policy=True)
    guest = guest_join(board=open_board, nickname="Doña Rosa", accept_policy=True)
    card = card_post(board=open_board, someone=someone(AnonymousUser(), guest), text="Un salón comunal")
    assert card.guest == guest and card.author is None
    assert card.public_author == "Doña Rosa (invitado/a)"
    # The same guest in a board that takes no guests is refused with a clear message.
    with pytest.raises(PermissionDenied, match="no recibe invitados"):
        card_post(board=closed_to_guests, someone=someone(AnonymousUser(), guest), text="Idea")


def test_card_text_colour_and_anonymity(make_board, facilitator, citizen, someone):
    board = make_board(actor=facilitator, allow_anonymous=False)
    with pytest.raises(ValidationError, match="Escriba su idea"):
        card_post(board=board, someone=someone(citizen), text="   ")
    with pytest.raises(ValidationError, match="280 caracteres"):
        card_post(board=board, someone=someone(citizen), text="x" * 281)
    with pytest.raises(ValidationError, match="anónimas"):
        card_post(board=board, someone=someone(citizen), text="Idea", anonymous=True)
    card = card_post(board=board, someone=someone(citizen), text="x" * 280, colour="azul")
    assert card.colour == "azul"
    assert card_post(board=board, someone=someone(citizen), text="y", colour="morado").colour == "amarillo"


def test_dots_up_to_the_limit_several_on_one_card(make_board, facilitator, citizen, official, someone):
    board = make_board(actor=facilitator, dots_per_person=3)
    first = card_post(board=board, someone=someone(citizen), text="Más rutas del SITP")
    second = card_post(board=board, someone=someone(official), text="Ciclovía a Usme Pueblo")
    with pytest.raises(ValidationError, match="fase de votación"):
        card_vote(board=board, someone=someone(citizen), card_id=first.pk)
    board = _to(board, Phase.VOTE, facilitator)
    assert card_vote(board=board, someone=someone(citizen), card_id=first.pk) == 2
    assert card_vote(board=board, someone=someone(citizen), card_id=first.pk) == 1
    assert card_vote(board=board, someone=someone(citizen), card_id=second.pk) == 0
    with pytest.raises(ValidationError, match="Ya puso sus 3 puntos"):
        card_vote(board=board, someone=someone(citizen), card_id=second.pk)
    assert card_unvote(board=board, someone=someone(citizen), card_id=first.pk) == 1
    assert card_vote(board=board, someone=someone(citizen), card_id=second.pk) == 0
    with pytest.raises(ValidationError, match="No tiene puntos"):
        card_unvote(board=board, someone=someone(official), card_id=first.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.vote_count, second.vote_count) == (1, 2)
    assert DotVote.objects.count() == 3
    assert Participant.objects.get(board=board, user=citizen).dots_used == 3
    with pytest.raises(ValidationError):
        card_vote(board=board, someone=someone(citizen), card_id=999_999)


@pytest.mark.parametrize(
    "role,allowed",
    [("citizen", False), ("official", False), ("facilitator", True), ("administrator", True)],
)
def test_only_the_facilitator_moves_phases_and_groups(request, make_user, make_board, someone, role, allowed):
    owner = make_user("official")  # an official opened the call and facilitates it
    board = make_board(actor=owner)
    card = card_post(board=board, someone=someone(owner), text="Idea")
    actor = request.getfixturevalue(role)
    if allowed:
        group = group_create(actor=actor, board=board, name="Seguridad")
        card_move(actor=actor, board=board, card_id=card.pk, group_id=group.pk)
        board_phase_set(actor=actor, board=board, phase=Phase.VOTE)
    else:
        with pytest.raises(PermissionDenied, match="Solo quien facilita"):
            group_create(actor=actor, board=board, name="Seguridad")
        with pytest.raises(PermissionDenied):
            board_phase_set(actor=actor, board=board, phase=Phase.VOTE)
    # The owner always may.
    board_phase_set(actor=owner, board=board, phase=Phase.CLOSED)
    with pytest.raises(ValidationError, match="cerrada"):
        board_phase_set(actor=owner, board=board, phase=Phase.IDEAS)


def test_grouping_only_before_voting(make_board, facilitator, citizen, someone):
    board = make_board(actor=facilitator)
    card = card_post(board=board, someone=someone(citizen), text="Idea")
    board = _to(board, Phase.VOTE, facilitator)
    with pytest.raises(ValidationError, match="fase de agrupar"):
        group_create(actor=facilitator, board=board, name="x")
    with pytest.raises(ValidationError):
        card_move(actor=facilitator, board=board, card_id=card.pk, group_id=None)


def test_every_change_is_a_numbered_event(make_board, facilitator, citizen, someone):
    board = make_board(actor=facilitator)
    card = card_post(board=board, someone=someone(citizen), text="Idea")
    group = group_create(actor=facilitator, board=board, name="Grupo")
    card_move(actor=facilitator, board=board, card_id=card.pk, group_id=group.pk)
    board_phase_set(actor=facilitator, board=board, phase=Phase.VOTE)
    card_vote(board=board, someone=someone(citizen), card_id=card.pk)
    events = list(BoardEvent.objects.filter(board=board).values_list("seq", "type"))
    assert events == [
        (1, "opened"),
        (2, "card_added"),
        (3, "group_added"),
        (4, "card_moved"),
        (5, "phase"),
        (6, "vote"),
    ]
    board.refresh_from_db()
    assert board.last_seq == 6
    # A refused action stores no event.
    with pytest.raises(ValidationError):
        card_post(board=board, someone=someone(citizen), text="Tarde")
    assert BoardEvent.objects.filter(board=board).count() == 6


def test_closed_card_becomes_a_problem_linked_back(make_user, someone):
    coordinator = make_user("facilitator")
    from innova.territory.models import Upz

    front = fronts.front_create(
        creator=coordinator, name="Frente", theme=_theme(), description="x", upzs=[Upz.objects.get(code="61")]
    )
    board = board_create(actor=coordinator, prompt="¿Qué arreglamos primero?", front=front)
    card = card_post(board=board, someone=someone(coordinator), text="Semáforo en la entrada a Usme Centro")
    with pytest.raises(ValidationError, match="cierra"):
        card_to_problem(actor=coordinator, card=card, theme=_theme())
    board_phase_set(actor=coordinator, board=board, phase=Phase.CLOSED)
    citizen = make_user("citizen")
    with pytest.raises(PermissionDenied):
        card_to_problem(actor=citizen, card=card, theme=_theme())
    problem = card_to_problem(actor=coordinator, card=card, theme=_theme())
    assert problem.title == card.text and problem.upz.code == "61"
    assert board.get_absolute_url() in problem.description
    card.refresh_from_db()
    assert card.problem == problem
    assert list(front.problems.all()) == [problem]
    assert card_to_problem(actor=coordinator, card=card, theme=_theme()) == problem  # one click, once
    assert Card.objects.get(pk=card.pk).problem_id == problem.pk
