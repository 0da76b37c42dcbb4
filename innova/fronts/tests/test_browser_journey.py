"""A resident finds a work front on a phone, asks to join, and the coordinator approves; both see the session."""

import datetime

import pytest
from django.utils import timezone

from innova.fronts import services
from innova.fronts.models import Membership, MemberStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_join_a_front_by_request_and_see_its_sessions(
    live_server, logged_in_page, screenshot, make_user, make_front, make_problem
):
    coordinator = make_user("official", display_name="Andrés Gómez", entity="Alcaldía Local de Usme")
    citizen = make_user("citizen", display_name="Marleny")
    front = make_front(creator=coordinator, name="Quebradas vivas de Usme", join_policy="request")
    services.problem_link(actor=coordinator, front=front, problem=make_problem(title="Basuras en la quebrada Yomasa"))
    start = timezone.now() + datetime.timedelta(days=3)
    services.session_create(
        actor=coordinator,
        front=front,
        title="Recorrido por la quebrada",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Auditorio Alcaldía Local de Usme",
    )

    page = logged_in_page(citizen)
    page.goto(live_server.url + "/frentes/")
    page.get_by_role("link", name="Quebradas vivas de Usme").click()
    page.locator(".session-list").get_by_text("Recorrido por la quebrada").wait_for()
    page.get_by_role("button", name="Pedir unirme").click()
    page.get_by_text("Su solicitud fue enviada").wait_for()
    screenshot(page, "front-request-sent")

    desk_page = logged_in_page(coordinator)
    desk_page.goto(live_server.url + front.get_absolute_url())
    desk_page.get_by_role("button", name="Aprobar").click()
    desk_page.get_by_text("La solicitud fue aprobada").wait_for()
    assert Membership.objects.get(front=front, user=citizen).status == MemberStatus.ACTIVE
    screenshot(desk_page, "front-coordinator")

    page.reload()
    page.get_by_text("Usted es miembro de este frente de trabajo.").wait_for()
    screenshot(page, "front-member")
