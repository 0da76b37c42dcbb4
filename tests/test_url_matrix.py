"""Walk every URL pattern for every kind of person and compare with the table in tests/url_matrix.py."""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.url_matrix import ALL_URLS, EDITORS, EXPECTED, ROLES, THIRD_PARTY_PREFIXES, THIRD_PARTY_PUBLIC

OURS = sorted({name for name, _ in ALL_URLS if not name.startswith(THIRD_PARTY_PREFIXES)})
THIRD_PARTY = sorted(
    {name for name, route in ALL_URLS if name.startswith(THIRD_PARTY_PREFIXES) and not re.search(r"<|\(\?P", route)}
)


def test_every_url_pattern_has_an_expectation():
    missing = [name for name in OURS if name not in EXPECTED]
    stale = [name for name in EXPECTED if name not in OURS]
    assert not missing, f"Add these URL names to tests/url_matrix.py: {missing}"
    assert not stale, f"These entries of tests/url_matrix.py match no URL any more: {stale}"


def test_every_edit_page_is_opened_by_its_editor():
    missing = [name for name in OURS if name.endswith("edit") and name not in EDITORS]
    assert not missing, f"Add these edit pages to EDITORS in tests/url_matrix.py: {missing}"


@pytest.fixture
def world(db, make_user, request):
    """One object of each kind the parametrised URLs need, and one person per role."""
    from django.contrib.contenttypes.models import ContentType

    from innova.accounts.services import role_claim_submit
    from innova.problems.models import Theme
    from innova.problems.services import problem_report
    from innova.territory.models import Upz

    claimant = make_user("citizen")
    claim = role_claim_submit(user=claimant, role="official", entity="Alcaldía", position="Apoyo")
    common = {"theme": Theme.objects.first(), "upz": Upz.objects.first(), "description": "Descripción"}
    problem = problem_report(author=claimant, title="Problema publicado", **common)
    draft = problem_report(author=claimant, title="Borrador", publish=False, **common)
    world = SimpleNamespace(
        claim=claim, problem=problem, draft=draft, problem_ct=ContentType.objects.get_for_model(problem).pk
    )
    _world_agenda(world, make_user)
    _world_courses(world, make_user)
    _world_proposals(world)
    _world_fronts(world, make_user)
    return world


def _world_courses(world, make_user):
    from innova.courses.models import Course, Session
    from innova.courses.services import attendance_set, course_enroll

    world.course = Course.objects.create(slug="curso", title="Curso", summary="Resumen", description="D", hours=4)
    session = Session.objects.create(course=world.course, module="Módulo 1", title="Sesión 1")
    world.course.requires_final_activity = False
    world.course.save()
    enrollment = course_enroll(user=make_user("citizen"), course=world.course)
    world.certificate = attendance_set(
        actor=make_user("facilitator"), session=session, enrollment=enrollment, present=True
    )


def _world_agenda(world, make_user):
    import datetime

    from django.utils import timezone

    from innova.agenda.services import cancel_token, event_create, registration_create

    start = timezone.now() + datetime.timedelta(days=5)
    world.event = event_create(
        actor=make_user("facilitator"),
        title="Taller",
        description="Descripción",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place_name="Salón comunal",
    )
    registration = registration_create(event=world.event, name="Invitada", phone="3000000000", consent=True)
    world.registration_token = cancel_token(registration)


def _world_proposals(world):
    from innova.proposals import services as proposals

    claimant = world.problem.author
    texts = {"summary": "Resumen", "solution": "Solución"}
    world.proposal = proposals.proposal_create(author=claimant, title="Propuesta publicada", **texts)
    proposals.proposal_publish(user=claimant, proposal=world.proposal)
    world.proposal_draft = proposals.proposal_create(author=claimant, title="Propuesta en borrador", **texts)
    world.invitation = proposals.proposal_invite(inviter=claimant, proposal=world.proposal, email="x@prueba.usme.co")
    world.idea = proposals.idea_submit(author=claimant, body="Una idea")


def _world_fronts(world, make_user):
    """fronts and brainstorms: a front coordinated by its own facilitator, a pending request, a session, a board."""
    import datetime

    from django.utils import timezone

    from innova.fronts import services as fronts

    coordinator = make_user("facilitator")
    world.front = fronts.front_create(
        creator=coordinator, name="Frente del mundo", theme=world.problem.theme, description="x", join_policy="request"
    )
    world.front_request = fronts.front_join(user=make_user("citizen"), front=world.front)
    now = timezone.now()
    world.front_session = fronts.session_create(
        actor=coordinator,
        front=world.front,
        title="Sesión",
        starts_at=now + datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=1, hours=1),
        place="Auditorio Alcaldía Local de Usme",
    )
    from innova.brainstorms.services.boards import board_create
    from innova.brainstorms.services.cards import card_post
    from innova.brainstorms.services.participation import Someone

    world.board = board_create(actor=coordinator, prompt="¿Qué hacemos?", allow_guests=True)
    world.card = card_post(board=world.board, someone=Someone(user=coordinator), text="Más luz en el parque")


def _person(role, request):
    if role == "anonymous":
        return None
    return request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_matrix(client, world, request, name, role):
    kwargs_builder, expected = EXPECTED[name]
    url = reverse(name, kwargs=kwargs_builder(world) if kwargs_builder else None)
    user = _person(role, request)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    expected_status = expected[role]
    assert response.status_code == expected_status, f"{name} as {role}: got {response.status_code}"
    if role == "anonymous" and expected_status == 302 and set(expected.values()) != {302}:
        assert response.url.startswith(reverse("account_login")), f"{name}: anonymous sent to {response.url}"


@pytest.mark.parametrize("name", sorted(EDITORS))
def test_hardening_09_edit_pages_render_for_the_person_the_object_belongs_to(client, world, name):
    kwargs_builder, _ = EXPECTED[name]
    client.force_login(EDITORS[name](world))
    response = client.get(reverse(name, kwargs=kwargs_builder(world) if kwargs_builder else None))
    assert response.status_code == 200, f"{name} as its editor: got {response.status_code}"
    assert b"<form" in response.content


@pytest.mark.parametrize("role", ["anonymous", "citizen", "administrator"])
@pytest.mark.parametrize("name", THIRD_PARTY)
def test_third_party_pages_never_fail_and_guard_private_pages(db, client, request, name, role):
    user = _person(role, request) if role != "anonymous" else None
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code < 500, f"{name} as {role}: {response.status_code}"
    if role == "anonymous" and name not in THIRD_PARTY_PUBLIC:
        assert response.status_code != 200, f"{name} is served to anonymous people"
