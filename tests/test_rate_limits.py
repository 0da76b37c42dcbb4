"""Issue #18.3: one per-person limit per action, whatever the channel (web, API, SMS, WhatsApp)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.test import APIClient

from innova.comments.models import Comment
from innova.problems.models import Problem

pytestmark = pytest.mark.django_db

PROBLEMS = "/api/v1/problems/"


@pytest.fixture
def api(settings):
    # The API's own request throttles are not what is tested here.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}
    return APIClient()


def _report(n: int) -> dict:
    return {
        "title": f"Hueco número {n} en la vía",
        "description": "Las motos se caen.",
        "theme": "movilidad",
        "upz": "57",
    }


def test_hardening_03_31st_api_comment_answers_429_in_spanish_with_retry_after(api, citizen, make_problem):
    problem = make_problem()
    api.force_authenticate(citizen)
    url = f"{PROBLEMS}{problem.pk}/comments/"
    statuses = [api.post(url, {"body": f"Comentario {n}"}, format="json").status_code for n in range(30)]
    assert statuses == [201] * 30
    refused = api.post(url, {"body": "Uno más"}, format="json")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    assert "muchas veces en poco tiempo" in refused.json()["detail"]
    assert Comment.objects.count() == 30


def test_hardening_03_21st_api_report_answers_429(api, citizen):
    api.force_authenticate(citizen)
    statuses = [api.post(PROBLEMS, _report(n), format="json").status_code for n in range(20)]
    assert statuses == [201] * 20
    refused = api.post(PROBLEMS, _report(21), format="json")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0 and "Espere" in refused.json()["detail"]
    assert Problem.objects.filter(author=citizen).count() == 20


def test_hardening_03_web_and_api_share_one_counter(api, client, citizen, make_problem, settings):
    settings.INNOVA_RATE_LIMITS = {"comment": (3, 600)}
    problem = make_problem()
    client.force_login(citizen)
    web = reverse("comments:comment_create", args=[ContentType.objects.get_for_model(problem).pk, problem.pk])
    for n in range(2):
        assert client.post(web, {"body": f"En la web {n}"}).status_code == 302
    api.force_authenticate(citizen)
    assert api.post(f"{PROBLEMS}{problem.pk}/comments/", {"body": "Por el API"}, format="json").status_code == 201
    # The fourth, on either channel, is refused: a Spanish 429 page with Retry-After on the web.
    refused = client.post(web, {"body": "Otra vez en la web"}, HTTP_REFERER=problem.get_absolute_url())
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Demasiados intentos" in html and "Espere" in html and problem.get_absolute_url() in html
    assert api.post(f"{PROBLEMS}{problem.pk}/comments/", {"body": "Otra"}, format="json").status_code == 429
    assert Comment.objects.count() == 3


def test_hardening_03_supports_are_limited_on_the_api_too(api, citizen, make_problem, settings):
    settings.INNOVA_RATE_LIMITS = {"support": (2, 600)}
    problem = make_problem()
    api.force_authenticate(citizen)
    url = f"{PROBLEMS}{problem.pk}/support/"
    assert [api.post(url, {"supported": s}, format="json").status_code for s in (True, False)] == [200, 200]
    assert api.post(url, {"supported": True}, format="json").status_code == 429


def test_hardening_03_staff_are_exempt_and_the_seed_is_never_blocked(api, facilitator, make_problem, settings):
    from innova.comments.services import comment_add
    from innova.core.ratelimit import rate_limits_suspended

    settings.INNOVA_RATE_LIMITS = {"comment": (1, 600)}
    problem = make_problem()
    api.force_authenticate(facilitator)
    for n in range(3):  # a facilitator types what residents said at a workshop
        assert api.post(f"{PROBLEMS}{problem.pk}/comments/", {"body": f"Dicho {n}"}, format="json").status_code == 201
    resident = problem.author
    with rate_limits_suspended():
        for n in range(3):
            comment_add(author=resident, target=problem, body=f"Demo {n}")
    assert Comment.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_hardening_03_sms_reports_share_the_limit_and_are_refused_in_spanish(client, settings):
    from innova.intake.providers import MemoryBackend
    from innova.intake.tests.test_channels import SMS_TOKEN, replies_to, sms

    settings.INNOVA_SMS_AUTH_TOKEN = SMS_TOKEN
    settings.INNOVA_SMS_BACKEND = "innova.intake.providers.MemoryBackend"
    settings.INNOVA_RATE_LIMITS = {"report": (1, 3600)}
    MemoryBackend.outbox.clear()
    sms(client, "Hola", "SM1")
    sms(client, "si", "SM2")
    for round_ in range(2):
        if round_:
            sms(client, "Otro reporte", f"SM{round_}0")
        sms(client, f"Hay un hueco enorme frente al colegio número {round_}", f"SM{round_}3")
        sms(client, "57", f"SM{round_}4")
        sms(client, "no", f"SM{round_}5")
    assert Problem.objects.count() == 1
    # The whole hour: conftest stands the rate limits' clock at a window's start.
    assert "muchos reportes de este número" in replies_to()[-1] and "en 60 minutos" in replies_to()[-1]
