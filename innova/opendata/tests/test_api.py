"""The public API: reads for everyone, writes through the same services and rules as the web."""

import pytest
from django.urls import reverse

from innova.comments.services import moderation_set_hidden
from innova.opendata.models import ApiToken
from innova.problems.models import Problem, Support
from innova.problems.services import problem_answer

pytestmark = pytest.mark.django_db

LIST = "/api/v1/problems/"


def test_list_is_public_paginated_and_hides_authors(api, make_problem, make_user):
    author = make_user("citizen", display_name="Rosa Pérez", email="rosa@correo.example")
    make_problem(title="Huecos en la vía", author=author)
    make_problem(title="Sin alumbrado", author=author, anonymous=True)
    response = api.get(LIST)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["count"] == 2 and len(body["results"]) == 2
    text = response.content.decode()
    assert "Rosa" not in text and "rosa@" not in text and "author" not in text
    first = body["results"][0]
    assert set(first) >= {"id", "reference", "title", "theme", "upz", "status", "support_count", "published_at"}


def test_filters_by_upz_theme_status_and_dates(api, make_problem):
    from innova.problems.models import Theme
    from innova.territory.models import Upz

    make_problem(title="En Yomasa")
    make_problem(
        title="En Danubio", upz=Upz.objects.get(code="56"), theme=Theme.objects.exclude(slug="movilidad").first()
    )
    assert [p["title"] for p in api.get(LIST, {"upz": "56"}).json()["results"]] == ["En Danubio"]
    assert [p["title"] for p in api.get(LIST, {"theme": "movilidad"}).json()["results"]] == ["En Yomasa"]
    assert api.get(LIST, {"status": "resolved"}).json()["count"] == 0
    assert api.get(LIST, {"published_after": "2999-01-01"}).json()["count"] == 0
    assert api.get(LIST, {"published_before": "2999-01-01"}).json()["count"] == 2
    assert api.get(LIST, {"status": "nonsense"}).status_code == 400


def test_pagination_and_stable_ids(api, make_problem):
    ids = {make_problem(title=f"Problema {i}").pk for i in range(3)}
    page1 = api.get(LIST, {"page_size": 2}).json()
    page2 = api.get(page1["next"]).json()
    assert {p["id"] for p in page1["results"] + page2["results"]} == ids
    assert api.get(LIST, {"page": 99}).status_code == 404


def test_detail_shows_answers_and_hides_hidden_problems(api, make_problem, official, facilitator):
    problem = make_problem()
    problem_answer(actor=official, problem=problem, body="Programamos la reparación.")
    detail = api.get(f"{LIST}{problem.pk}/").json()
    assert detail["answers"][0]["body"] == "Programamos la reparación."
    assert detail["answers"][0]["author_role"]
    moderation_set_hidden(actor=facilitator, target=problem, hidden=True, reason="Spam")
    assert api.get(f"{LIST}{problem.pk}/").status_code == 404
    assert api.get(LIST).json()["count"] == 0


def test_drafts_never_appear(api, make_problem):
    draft = make_problem(publish=False)
    assert api.get(LIST).json()["count"] == 0
    assert api.get(f"{LIST}{draft.pk}/").status_code == 404


# --- Writes: the same permission matrix as the web --------------------------------------------------


def _report_payload():
    return {
        "title": "Basuras en el parque",
        "description": "Se acumulan las basuras.",
        "theme": "movilidad",
        "upz": "57",
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("citizen", 201),
        ("unverified_official", 201),
        ("official", 201),
        ("facilitator", 201),
        ("administrator", 201),
    ],
)
def test_report_permission_matrix(api, request, role, expected):
    if role != "anonymous":
        api.force_authenticate(request.getfixturevalue(role))
    response = api.post(LIST, _report_payload(), format="json")
    assert response.status_code == expected
    if expected == 201:
        problem = Problem.objects.get(pk=response.json()["id"])
        assert problem.channel == "api" and problem.published_at is not None


def test_inactive_account_is_refused_like_on_the_web(api, make_user):
    user = make_user("citizen")
    token = ApiToken.objects.create(user=user)
    user.is_active = False
    user.save()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.post(LIST, _report_payload(), format="json").status_code in (401, 403)


def test_report_with_bad_data_says_what_to_fix(api, citizen):
    api.force_authenticate(citizen)
    response = api.post(LIST, {"title": "", "theme": "no-existe"}, format="json")
    assert response.status_code == 400
    assert {"title", "description", "theme"} <= set(response.json())
    outside = {**_report_payload(), "upz": None, "latitude": 10.0, "longitude": -70.0}
    response = api.post(LIST, outside, format="json")
    assert response.status_code == 400  # the service's ValidationError (point outside Usme), never a 500


def test_token_authenticates_writes(api, citizen, make_problem):
    problem = make_problem()
    token = ApiToken.objects.create(user=citizen, label="app")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.post(f"{LIST}{problem.pk}/support/", {"supported": True}, format="json")
    assert response.status_code == 200 and response.json() == {"supported": True, "support_count": 1}
    assert Support.objects.filter(problem=problem, user=citizen).exists()
    api.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert api.get(LIST).status_code == 401


def test_api_keys_are_stored_as_digests_and_shown_once_in_the_admin(client, api, citizen, make_user):
    token = ApiToken.objects.create(user=citizen)
    stored = ApiToken.objects.get(pk=token.pk)
    # A copy of the database holds no usable key: only its digest and its first characters.
    assert token.key and stored.key == "" and token.key not in {stored.digest, stored.prefix}
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(LIST).status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {stored.digest}")  # the digest itself opens nothing
    assert api.get(LIST).status_code == 401

    admin = make_user("administrator")
    client.force_login(admin)
    response = client.post(
        reverse("admin:opendata_apitoken_add"), {"user": citizen.pk, "label": "tablero barrial"}, follow=True
    )
    issued = ApiToken.objects.get(label="tablero barrial")
    shown = [str(m) for m in response.context["messages"]]
    key = shown[0].split(": ")[1].split(" ")[0]
    assert issued.prefix == key[:6] and issued.digest != key
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(LIST).status_code == 200
    assert key not in client.get(reverse("admin:opendata_apitoken_change", args=[issued.pk])).content.decode()


@pytest.mark.parametrize("role", ["anonymous", "citizen", "official", "facilitator"])
def test_support_and_comment_matrix(api, request, make_problem, role):
    problem = make_problem()
    if role != "anonymous":
        api.force_authenticate(request.getfixturevalue(role))
    support = api.post(f"{LIST}{problem.pk}/support/", {"supported": True}, format="json")
    comment = api.post(f"{LIST}{problem.pk}/comments/", {"body": "Yo también lo veo"}, format="json")
    if role == "anonymous":
        assert (support.status_code, comment.status_code) == (401, 401)
    else:
        assert (support.status_code, comment.status_code) == (200, 201)
        problem.refresh_from_db()
        assert (problem.support_count, problem.comment_count) == (1, 1)


def test_support_on_hidden_problem_is_404(api, citizen, facilitator, make_problem):
    problem = make_problem()
    moderation_set_hidden(actor=facilitator, target=problem, hidden=True, reason="Spam")
    api.force_authenticate(citizen)
    assert api.post(f"{LIST}{problem.pk}/support/", {"supported": True}, format="json").status_code == 404


def test_session_writes_need_csrf(citizen, make_problem):
    from rest_framework.test import APIClient

    problem = make_problem()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(f"{LIST}{problem.pk}/support/", {"supported": True}, format="json")
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response


def test_rate_limits_anonymous_lower_than_token(api, settings, citizen):
    from django.core.cache import cache

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "4/min"}}
    cache.clear()
    statuses = [api.get(LIST).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    token = ApiToken.objects.create(user=citizen)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert [api.get(LIST).status_code for _ in range(5)] == [200, 200, 200, 200, 429]


def test_docs_page_is_rendered_on_the_server(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/problems/" in html and "Report a problem" in html or "Reportar" in html
    assert "swagger" not in html.lower() and "cdn" not in html.lower()
