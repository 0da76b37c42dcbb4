import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from innova.core.testing import OFFICIAL_OR_STAFF_ALLOWED, jpeg_with_gps
from innova.fronts import selectors, services
from innova.fronts.models import FrontSession, MemberRole, Membership, MemberStatus
from innova.problems.models import Theme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role,allowed", OFFICIAL_OR_STAFF_ALLOWED)
def test_who_may_create_a_front(request, make_front, role, allowed):
    creator = request.getfixturevalue(role)
    if allowed:
        front = make_front(creator=creator)
        membership = Membership.objects.get(front=front, user=creator)
        assert membership.role == MemberRole.COORDINATOR and membership.status == MemberStatus.ACTIVE
        assert front.slug == "frente-de-movilidad-de-usme"
    else:
        with pytest.raises(PermissionDenied):
            make_front(creator=creator)


def test_slugs_stay_unique_and_cover_goes_through_the_photo_checks(make_front, facilitator):
    first = make_front(creator=facilitator)
    second = make_front(creator=facilitator, cover=jpeg_with_gps(), cover_alt="La vía a Usme Pueblo")
    assert second.slug == f"{first.slug}-2"
    assert second.cover.name.endswith(".jpg")
    with pytest.raises(ValidationError):
        make_front(creator=facilitator, cover=jpeg_with_gps())  # an image without a description
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        make_front(creator=facilitator, cover=SimpleUploadedFile("x.jpg", b"not an image"), cover_alt="x")


def test_open_front_joins_at_once_request_front_waits_for_a_coordinator(make_front, facilitator, citizen, make_user):
    open_front = make_front(creator=facilitator)
    assert services.front_join(user=citizen, front=open_front).status == MemberStatus.ACTIVE
    assert services.front_join(user=citizen, front=open_front).status == MemberStatus.ACTIVE  # idempotent
    assert selectors.front_is_member(user=citizen, front_id=open_front.pk)

    closed = make_front(creator=facilitator, name="Frente de seguridad", join_policy="request")
    membership = services.front_join(user=citizen, front=closed)
    assert membership.status == MemberStatus.PENDING
    assert not selectors.front_is_member(user=citizen, front_id=closed.pk)
    outsider = make_user("citizen")
    with pytest.raises(PermissionDenied):
        services.membership_approve(actor=outsider, membership=membership)
    services.membership_approve(actor=facilitator, membership=membership)
    assert selectors.front_is_member(user=citizen, front_id=closed.pk)
    with pytest.raises(ValidationError):
        services.membership_approve(actor=facilitator, membership=membership)

    other = make_user("citizen")
    request = services.front_join(user=other, front=closed)
    services.membership_reject(actor=facilitator, membership=request)
    assert not Membership.objects.filter(pk=request.pk).exists()


def test_only_officials_and_facilitators_coordinate(make_front, facilitator, citizen, official):
    front = make_front(creator=facilitator)
    citizen_membership = services.front_join(user=citizen, front=front)
    with pytest.raises(ValidationError):
        services.membership_set_role(actor=facilitator, membership=citizen_membership, role=MemberRole.COORDINATOR)
    official_membership = services.front_join(user=official, front=front)
    services.membership_set_role(actor=facilitator, membership=official_membership, role=MemberRole.COORDINATOR)
    services.session_create(
        actor=official,
        front=front,
        title="Mesa de movilidad",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        ends_at=timezone.now() + datetime.timedelta(days=1, hours=2),
        place="Auditorio Alcaldía Local de Usme",
    )
    # A citizen member cannot post sessions, even in their own front.
    with pytest.raises(PermissionDenied):
        services.session_create(
            actor=citizen,
            front=front,
            title="x",
            starts_at=timezone.now(),
            ends_at=timezone.now() + datetime.timedelta(hours=1),
            place="x",
        )


def test_sessions_minutes_and_upcoming_agenda(make_front, facilitator):
    front = make_front(creator=facilitator)
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.session_create(actor=facilitator, front=front, title="x", starts_at=now, ends_at=now, place="x")
    with pytest.raises(ValidationError):
        services.session_create(
            actor=facilitator, front=front, title="x", starts_at=now, ends_at=now + datetime.timedelta(hours=1)
        )
    future = services.session_create(
        actor=facilitator,
        front=front,
        title="Taller de ideas",
        starts_at=now + datetime.timedelta(days=2),
        ends_at=now + datetime.timedelta(days=2, hours=2),
        online_url="https://meet.example.org/usme",
    )
    past = services.session_create(
        actor=facilitator,
        front=front,
        title="Primera mesa",
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now - datetime.timedelta(days=2, hours=-2),
        place="Auditorio Alcaldía Local de Usme",
    )
    with pytest.raises(ValidationError):
        services.minutes_publish(actor=facilitator, session=future, minutes="Acta")
    services.minutes_publish(actor=facilitator, session=past, minutes="Se acordó priorizar la vía a Usme Pueblo.")
    assert list(selectors.front_session_upcoming_list()) == [future]
    assert list(selectors.front_session_upcoming_list(limit=1)) == [future]
    kinds = [item.kind for item in selectors.front_activity(front=front)]
    assert {"session", "minutes", "member"} <= set(kinds)


def test_linking_problems(make_front, facilitator, citizen, make_problem):
    front = make_front(creator=facilitator)
    problem = make_problem()
    services.problem_link(actor=facilitator, front=front, problem=problem)
    services.problem_link(actor=facilitator, front=front, problem=problem)
    assert list(front.problems.all()) == [problem]
    with pytest.raises(PermissionDenied):
        services.problem_link(actor=citizen, front=front, problem=problem)
    assert "problem" in [item.kind for item in selectors.front_activity(front=front)]


def test_pages_and_forms(client, make_front, facilitator, citizen, make_problem):
    client.force_login(facilitator)
    theme = Theme.objects.get(slug="ambiente")
    response = client.post(
        reverse("fronts:create"),
        {"name": "", "theme": theme.pk, "description": "Quebradas limpias", "join_policy": "request"},
    )
    assert response.status_code == 200
    assert "Escriba el nombre del frente de trabajo." in response.content.decode()
    assert "Quebradas limpias" in response.content.decode()  # what was typed is kept
    response = client.post(
        reverse("fronts:create"),
        {"name": "Quebradas de Usme", "theme": theme.pk, "description": "Quebradas limpias", "join_policy": "request"},
    )
    front_url = response.url
    assert front_url == reverse("fronts:detail", args=["quebradas-de-usme"])
    problem = make_problem()
    client.post(reverse("fronts:link_problem", args=["quebradas-de-usme"]), {"problem": problem.pk})
    session_create = reverse("fronts:session_create", args=["quebradas-de-usme"])
    walk = {"title": "Recorrido por Yomasa", "starts_at": "2030-03-05T09:00", "place": "Salón comunal"}
    response = client.post(session_create, {**walk, "ends_at": "2030-03-05T08:00"})
    assert "La sesión debe terminar después de empezar." in response.content.decode()
    response = client.post(session_create, {**walk, "ends_at": "2030-03-05T11:00"})
    session = FrontSession.objects.get()
    assert session.starts_at.hour == 14  # 9:00 in Bogotá is 14:00 UTC

    client.force_login(citizen)
    client.post(reverse("fronts:join", args=["quebradas-de-usme"]))
    page = client.get(front_url).content.decode()
    assert "Su solicitud para unirse espera a un coordinador." in page
    assert "Recorrido por Yomasa" in page and problem.title in page

    client.force_login(facilitator)
    membership = Membership.objects.get(user=citizen)
    page = client.get(front_url).content.decode()
    assert "Solicitudes para unirse" in page
    client.post(reverse("fronts:decide", args=["quebradas-de-usme", membership.pk]), {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.status == MemberStatus.ACTIVE
    listing = client.get(reverse("fronts:index")).content.decode()
    assert "Quebradas de Usme" in listing and "2 miembros" in listing


def test_index_query_count(client, make_front, facilitator, django_assert_max_num_queries):
    for n in range(5):
        make_front(creator=facilitator, name=f"Frente {n}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("fronts:index")).status_code == 200


def test_demo_is_idempotent(db):
    from io import StringIO

    from innova.accounts import demo as accounts_demo
    from innova.fronts import demo
    from innova.fronts.models import Front

    accounts_demo.load(StringIO())
    demo.load(StringIO())
    count = Front.objects.count()
    assert count >= 2
    assert FrontSession.objects.filter(place="Auditorio Alcaldía Local de Usme").exists()
    demo.load(StringIO())
    assert Front.objects.count() == count


def test_the_list_of_fronts_comes_a_page_at_a_time(client, make_front):
    from innova.fronts.views import FRONTS_PER_PAGE

    for n in range(FRONTS_PER_PAGE + 2):
        make_front(name=f"Frente {n:02d}")
    first = client.get(reverse("fronts:index")).content.decode()
    assert "Frente 00" in first and f"Frente {FRONTS_PER_PAGE:02d}" not in first
    assert "pagina=2" in first
    second = client.get(reverse("fronts:index") + "?pagina=2").content.decode()
    assert f"Frente {FRONTS_PER_PAGE + 1:02d}" in second and "Frente 00" not in second
    assert client.get(reverse("fronts:index") + "?pagina=x").status_code == 200
