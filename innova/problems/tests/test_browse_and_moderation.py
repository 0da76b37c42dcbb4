import pytest
from django.urls import reverse

from innova.comments import services as comments_services
from innova.comments.models import Comment
from innova.notifications.models import Notification
from innova.problems import services
from innova.problems.models import Status, Theme
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_problem, make_user, facilitator, official):
    movilidad = Theme.objects.get(slug="movilidad")
    ambiente = Theme.objects.get(slug="ambiente")
    yomasa, flora = Upz.objects.get(code="57"), Upz.objects.get(code="52")
    a = make_problem(title="Movilidad en la vía a Usme", description="Trancones diarios.", theme=movilidad, upz=yomasa)
    b = make_problem(
        title="Árboles enfermos en La Flora", description="Plaga en los árboles.", theme=ambiente, upz=flora
    )
    c = make_problem(
        title="Barrio inseguro de noche", description="Robos al salir del bus.", theme=movilidad, upz=flora
    )
    for _ in range(3):
        services.problem_support_set(user=make_user("citizen"), problem=b, supported=True)
    services.problem_support_set(user=make_user("citizen"), problem=c, supported=True)
    services.problem_change_status(actor=facilitator, problem=c, to_status=Status.IN_REVIEW)
    services.problem_answer(actor=official, problem=a, body="Respuesta")
    return a, b, c


def titles(response):
    return [p.title for p in response.context["page"]]


def test_filters_and_sorts(client, catalogue):
    a, b, c = catalogue
    assert titles(client.get(reverse("problems:index")))[0] == b.title  # most supported first
    assert titles(client.get(reverse("problems:index"), {"upz": b.upz_id})) == [b.title, c.title]
    assert titles(client.get(reverse("problems:index"), {"theme": a.theme_id, "sort": "recientes"})) == [
        c.title,
        a.title,
    ]
    assert titles(client.get(reverse("problems:index"), {"status": "in_review"})) == [c.title]
    assert titles(client.get(reverse("problems:index"), {"answered": "si"})) == [a.title]
    assert titles(client.get(reverse("problems:index"), {"sort": "respondidos"})) == [a.title]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("movilidad", "Movilidad en la vía a Usme"),
        ("arboles", "Árboles enfermos en La Flora"),
        ("inseguridad", "Barrio inseguro de noche"),
    ],
)
def test_spanish_search_accents_and_stems(client, catalogue, query, expected):
    assert titles(client.get(reverse("problems:index"), {"q": query})) == [expected]


def test_list_query_count_is_constant(client, catalogue, make_problem, django_assert_max_num_queries, citizen):
    for n in range(15):
        make_problem(title=f"Problema número {n}")
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("problems:index"))
    assert response.status_code == 200


def test_pagination(client, make_problem):
    for n in range(25):
        make_problem(title=f"Problema {n}")
    first = client.get(reverse("problems:index"))
    second = client.get(reverse("problems:index"), {"pagina": 2})
    assert len(first.context["page"]) == 20 and len(second.context["page"]) == 5


def test_map_points_follow_filters(client, make_problem):
    make_problem(title="Con punto", latitude=4.52, longitude=-74.12)
    make_problem(title="Sin punto")
    points = client.get(reverse("problems:map_points")).json()["problems"]
    assert [p["title"] for p in points] == ["Con punto"]


def test_flag_hide_and_unhide_with_author_told(
    client, make_user, make_problem, facilitator, citizen, django_capture_on_commit_callbacks
):
    author = make_user("citizen")
    problem = make_problem(title="Contenido ofensivo en Usme", author=author, latitude=4.52, longitude=-74.12)
    client.force_login(citizen)
    flag_url = reverse("comments:flag_create", args=[problem_ct(problem), problem.pk])
    client.post(flag_url, {"reason": "Insulta a un vecino"})
    client.force_login(facilitator)
    queue = client.get(reverse("comments:moderation")).content.decode()
    assert "Insulta a un vecino" in queue
    hide_url = reverse("comments:moderation_action", args=[problem_ct(problem), problem.pk, "ocultar"])
    assert "escriba el motivo" in client.post(hide_url, {"reason": ""}, follow=True).content.decode().lower()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(hide_url, {"reason": "Lenguaje ofensivo"})
    assert Notification.objects.filter(recipient=author, kind="content_hidden").count() == 1
    client.logout()
    assert problem.title not in client.get(reverse("problems:index")).content.decode()
    assert problem.title not in client.get(reverse("problems:index"), {"q": "ofensivo"}).content.decode()
    assert client.get(reverse("problems:map_points")).json()["problems"] == []
    assert client.get(problem.get_absolute_url()).status_code == 404
    client.force_login(facilitator)
    assert client.get(problem.get_absolute_url()).status_code == 200  # staff still see it, marked hidden
    client.post(
        reverse("comments:moderation_action", args=[problem_ct(problem), problem.pk, "mostrar"]), {"reason": "Revisado"}
    )
    client.logout()
    assert client.get(problem.get_absolute_url()).status_code == 200


def test_citizen_cannot_moderate(client, citizen, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    assert client.get(reverse("comments:moderation")).status_code == 403
    url = reverse("comments:moderation_action", args=[problem_ct(problem), problem.pk, "ocultar"])
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_comments_one_level_of_replies_and_sanitised_markdown(client, citizen, make_user, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    url = reverse("comments:comment_create", args=[problem_ct(problem), problem.pk])
    client.post(url, {"body": "**Cierto** <script>alert(1)</script> [x](javascript:alert(1))"})
    top = Comment.objects.get()
    client.post(url, {"body": "Respuesta", "parent": top.pk})
    reply = Comment.objects.get(parent=top)
    response = client.post(url, {"body": "Demasiado profundo", "parent": reply.pk}, follow=True)
    assert "no pueden ir más adentro" in response.content.decode()
    assert Comment.objects.count() == 2
    html = client.get(problem.get_absolute_url()).content.decode()
    assert "<strong>Cierto</strong>" in html
    assert "<script>alert(1)</script>" not in html and "javascript:alert" not in html
    problem.refresh_from_db()
    assert problem.comment_count == 2


def test_anonymous_cannot_comment(client, make_problem):
    problem = make_problem()
    response = client.post(reverse("comments:comment_create", args=[problem_ct(problem), problem.pk]), {"body": "hola"})
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_habeas_data_includes_problems_and_deletion_keeps_them_anonymised(client, make_user, make_problem):
    author = make_user("citizen", display_name="Marleny")
    problem = make_problem(title="Mi problema", author=author)
    data = client_json(client, author)
    assert data["problems"]["reported"][0]["title"] == "Mi problema"
    comments_services  # noqa: B018 - imported for the moderation helpers above
    from innova.accounts.services import user_delete_account

    user_delete_account(user=author)
    html = client.get(problem.get_absolute_url()).content.decode()
    assert "Mi problema" in html and "Cuenta eliminada" in html and "Marleny" not in html


def client_json(client, user):
    import json

    client.force_login(user)
    return json.loads(client.get(reverse("accounts:data_export")).content)


def problem_ct(problem) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(problem).pk
