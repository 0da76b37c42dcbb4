import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.comments import services as comments_services
from innova.comments.models import Comment
from innova.debates import services
from innova.debates.models import Argument, ArgumentSide, DebateRequest, DebateRequestStatus
from innova.debates.testing import make_debate
from innova.notifications.models import Notification
from innova.problems import trail

pytestmark = pytest.mark.django_db


# --- Arguments --------------------------------------------------------------------------------------------------


def test_argument_needs_a_side_and_at_most_1000_characters(citizen):
    debate = make_debate()
    with pytest.raises(ValidationError):
        services.argument_add(author=citizen, debate=debate, side="", body="Sin lado")
    with pytest.raises(ValidationError):
        services.argument_add(author=citizen, debate=debate, side="maybe", body="Lado inventado")
    with pytest.raises(ValidationError):
        services.argument_add(author=citizen, debate=debate, side=ArgumentSide.FOR, body="   ")
    with pytest.raises(ValidationError):
        services.argument_add(author=citizen, debate=debate, side=ArgumentSide.FOR, body="x" * 1001)
    argument = services.argument_add(author=citizen, debate=debate, side=ArgumentSide.AGAINST, body="x" * 1000)
    assert argument.side == ArgumentSide.AGAINST


@pytest.mark.parametrize("role", ["citizen", "unverified_official", "contractor", "official", "facilitator"])
def test_every_active_account_argues_while_open_and_nobody_after_closing(request, facilitator, role):
    user = request.getfixturevalue(role)
    debate = make_debate(author=facilitator)
    services.argument_add(author=user, debate=debate, side=ArgumentSide.FOR, body="Sí, porque…")
    services.debate_close(actor=facilitator, debate=debate, conclusion="Decidido.")
    with pytest.raises(ValidationError, match="closed|cerrado"):
        services.argument_add(author=user, debate=debate, side=ArgumentSide.FOR, body="Otro")


def test_support_an_argument_once_and_not_ones_own(citizen, make_user, facilitator):
    debate = make_debate(author=facilitator)
    argument = services.argument_add(author=citizen, debate=debate, side=ArgumentSide.FOR, body="Más huertas")
    with pytest.raises(PermissionDenied):
        services.argument_support_set(user=citizen, argument=argument, supported=True)
    other = make_user("citizen")
    services.argument_support_set(user=other, argument=argument, supported=True)
    services.argument_support_set(user=other, argument=argument, supported=True)
    argument.refresh_from_db()
    assert argument.support_count == 1
    services.argument_support_set(user=other, argument=argument, supported=False)
    argument.refresh_from_db()
    assert argument.support_count == 0
    services.debate_close(actor=facilitator, debate=debate, conclusion="Fin.")
    with pytest.raises(ValidationError):
        services.argument_support_set(user=other, argument=argument, supported=True)


def test_arguments_through_the_page_markdown_is_sanitised(client, citizen, make_user):
    debate = make_debate()
    client.force_login(citizen)
    url = reverse("debates:argument_create", args=[debate.pk])
    response = client.post(url, {"side": "", "body": "Me quedo sin lado"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Me quedo sin lado" in html and "a favor o en contra" in html
    body = "**Sí** <script>alert(1)</script> [clic](javascript:alert(1))"
    response = client.post(url, {"side": "for", "body": body})
    argument = Argument.objects.get()
    assert response.status_code == 302 and response.url == argument.get_absolute_url()
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "<strong>Sí</strong>" in html and "<script>alert" not in html and "javascript:" not in html
    supporter = make_user("citizen")
    client.force_login(supporter)
    assert client.post(reverse("debates:argument_support", args=[argument.pk]), {"supported": "1"}).status_code == 302
    argument.refresh_from_db()
    assert argument.support_count == 1


def test_closed_debate_refuses_arguments_and_comments_with_a_clear_message(client, citizen, facilitator):
    debate = make_debate(author=facilitator)
    services.debate_close(actor=facilitator, debate=debate, conclusion="Se priorizan las huertas.")
    client.force_login(citizen)
    response = client.post(reverse("debates:argument_create", args=[debate.pk]), {"side": "for", "body": "Tarde"})
    assert response.status_code == 400
    assert "cerrado" in response.content.decode()
    ct = ContentType.objects.get_for_model(debate).pk
    response = client.post(reverse("comments:comment_create", args=[ct, debate.pk]), {"body": "Tarde"}, follow=True)
    html = response.content.decode()
    assert "ya no recibe comentarios" in html and not Comment.objects.exists()
    assert "Se priorizan las huertas." in html and "conclusion" in html


# --- Shared comments: depth, votes, sort, mentions ---------------------------------------------------------------


def test_replies_stop_at_two_levels_on_debates(citizen, make_user):
    debate = make_debate()
    top = comments_services.comment_add(author=citizen, target=debate, body="Nivel 0")
    reply = comments_services.comment_add(author=citizen, target=debate, body="Nivel 1", parent=top)
    deeper = comments_services.comment_add(author=citizen, target=debate, body="Nivel 2", parent=reply)
    assert deeper.depth == 2
    with pytest.raises(ValidationError):
        comments_services.comment_add(author=citizen, target=debate, body="Nivel 3", parent=deeper)


def test_no_model_can_register_deeper_than_two_levels():
    from innova.core import moderation
    from innova.debates.models import Debate

    moderation.register(Debate, comment_max_depth=9)
    try:
        assert moderation.entry_for(Debate).comment_max_depth == moderation.MAX_COMMENT_DEPTH == 2
    finally:
        moderation.register(Debate, comment_max_depth=2)


def test_comment_votes_one_per_person_counted_in_the_database(citizen, make_user):
    debate = make_debate()
    comment = comments_services.comment_add(author=citizen, target=debate, body="Buena idea")
    voter, other = make_user("citizen"), make_user("citizen")
    with pytest.raises(PermissionDenied):
        comments_services.comment_vote_set(user=citizen, comment=comment, value=1)
    comments_services.comment_vote_set(user=voter, comment=comment, value=1)
    comments_services.comment_vote_set(user=voter, comment=comment, value=1)
    comments_services.comment_vote_set(user=other, comment=comment, value=-1)
    comment.refresh_from_db()
    assert comment.score == 0 and comment.votes.count() == 2
    comments_services.comment_vote_set(user=other, comment=comment, value=1)
    comment.refresh_from_db()
    assert comment.score == 2
    comments_services.comment_vote_set(user=voter, comment=comment, value=0)
    comment.refresh_from_db()
    assert comment.score == 1
    with pytest.raises(ValidationError):
        comments_services.comment_vote_set(user=voter, comment=comment, value=5)


def test_sort_by_best_and_newest(client, citizen, make_user):
    debate = make_debate()
    first = comments_services.comment_add(author=citizen, target=debate, body="Primero antiguo")
    comments_services.comment_add(author=citizen, target=debate, body="Segundo nuevo")
    comments_services.comment_vote_set(user=make_user("citizen"), comment=first, value=1)
    best = client.get(debate.get_absolute_url() + "?orden=mejores").content.decode()
    assert best.index("Primero antiguo") < best.index("Segundo nuevo")
    newest = client.get(debate.get_absolute_url() + "?orden=recientes").content.decode()
    assert newest.index("Segundo nuevo") < newest.index("Primero antiguo")


def test_vote_through_the_page(client, citizen, make_user):
    debate = make_debate()
    comment = comments_services.comment_add(author=citizen, target=debate, body="Votable")
    client.force_login(make_user("citizen"))
    response = client.post(reverse("comments:comment_vote", args=[comment.pk]), {"value": "-1"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.score == -1
    assert client.post(reverse("comments:comment_vote", args=[comment.pk]), {"value": "x"}).status_code == 302
    comment.refresh_from_db()
    assert comment.score == -1


def test_comments_of_a_closed_debate_take_no_more_votes(client, citizen, make_user):
    debate = make_debate()
    comment = comments_services.comment_add(author=citizen, target=debate, body="Cerremos con esto")
    voter = make_user("citizen")
    comments_services.comment_vote_set(user=voter, comment=comment, value=1)
    services.debate_close(actor=debate.author, debate=debate, conclusion="Se acordó recuperar la ronda.")
    with pytest.raises(ValidationError, match="closed|cerrada"):
        comments_services.comment_vote_set(user=voter, comment=comment, value=-1)
    client.force_login(voter)
    page = client.get(debate.get_absolute_url()).content.decode()
    assert "Cerremos con esto" in page and reverse("comments:comment_vote", args=[comment.pk]) not in page
    response = client.post(reverse("comments:comment_vote", args=[comment.pk]), {"value": "-1"}, follow=True)
    assert "no longer take votes" in response.content.decode() or "ya no recibe" in response.content.decode()
    comment.refresh_from_db()
    assert comment.score == 1


def test_mention_notifies_exactly_the_mentioned_person_once(django_capture_on_commit_callbacks, citizen, make_user):
    debate = make_debate()
    mentioned = make_user("citizen", display_name="RosaUsme")
    bystander = make_user("citizen", display_name="Pedro")
    with django_capture_on_commit_callbacks(execute=True):
        comments_services.comment_add(author=citizen, target=debate, body="Hola @RosaUsme y otra vez @RosaUsme.")
    with django_capture_on_commit_callbacks(execute=True):
        comments_services.comment_add(author=citizen, target=debate, body="@Pedro2 no existe; @RosaUsme sí")
    mentions = Notification.objects.filter(kind="mentioned")
    assert not mentions.filter(recipient=bystander).exists()
    assert not mentions.exclude(recipient=mentioned).exists()
    # one notification per comment that mentions her: two comments, two notifications, never duplicated per comment
    assert mentions.filter(recipient=mentioned).count() == 2


# --- Requests and trail ------------------------------------------------------------------------------------------


def test_citizen_requests_and_facilitator_accepts_or_declines(
    django_capture_on_commit_callbacks, client, citizen, facilitator
):
    client.force_login(citizen)
    assert client.get(reverse("debates:requests")).status_code == 403
    response = client.post(reverse("debates:request_create"), {"title": "", "context": "Mi contexto"})
    assert response.status_code == 200 and "Mi contexto" in response.content.decode()
    client.post(reverse("debates:request_create"), {"title": "¿Ciclovía en la Caracas?", "context": "Urge"})
    client.post(reverse("debates:request_create"), {"title": "¿Tema repetido?"})
    first, second = DebateRequest.objects.order_by("pk")
    with pytest.raises(PermissionDenied):
        services.debate_request_accept(actor=citizen, debate_request=first)
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("debates:request_answer", args=[first.pk, "aceptar"]))
    first.refresh_from_db()
    assert first.status == DebateRequestStatus.ACCEPTED and response.url == first.debate.get_absolute_url()
    assert first.debate.title == "¿Ciclovía en la Caracas?"
    client.post(reverse("debates:request_answer", args=[second.pk, "rechazar"]), {"reason": ""})
    second.refresh_from_db()
    assert second.status == DebateRequestStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("debates:request_answer", args=[second.pk, "rechazar"]), {"reason": "Ya hay uno igual"})
    second.refresh_from_db()
    assert second.status == DebateRequestStatus.DECLINED and second.answer == "Ya hay uno igual"
    assert Notification.objects.filter(kind="debate_request_answered", recipient=citizen).count() == 2
    with pytest.raises(ValidationError):
        services.debate_request_accept(actor=facilitator, debate_request=second)


def test_debate_about_a_problem_shows_in_its_trail(client, make_problem, facilitator):
    problem = make_problem()
    debate = make_debate(author=facilitator, problems=[problem])
    titles = [entry.title for entry in trail.trail_for(problem)]
    assert debate.title in titles
    html = client.get(problem.get_absolute_url()).content.decode()
    assert debate.get_absolute_url() in html


# --- Concurrency (PostgreSQL) ------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_and_supports_count_exactly_once_each(make_user):
    from innova.core.testing import run_concurrently

    author = make_user("citizen")
    debate = make_debate()
    argument = services.argument_add(author=author, debate=debate, side=ArgumentSide.FOR, body="Sí")
    comment = comments_services.comment_add(author=author, target=debate, body="Comentario")
    users = [make_user("citizen") for _ in range(30)]

    def click(user):
        for _ in range(2):  # a double click
            services.argument_support_set(user=user, argument=argument, supported=True)
            comments_services.comment_vote_set(user=user, comment=comment, value=1)

    assert not run_concurrently(click, users)
    argument.refresh_from_db()
    comment.refresh_from_db()
    assert argument.support_count == 30 and comment.score == 30


def test_visitors_without_an_account_see_every_change_of_the_comments_at_once(
    client, citizen, make_user, django_capture_on_commit_callbacks
):
    """Their view of the comments is cached; adding, voting and hiding retire it."""
    debate = make_debate()
    with django_capture_on_commit_callbacks(execute=True):
        first = comments_services.comment_add(author=citizen, target=debate, body="Primera opinión")
    assert "Primera opinión" in client.get(debate.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        comments_services.comment_add(author=citizen, target=debate, body="Segunda opinión")
    assert "Segunda opinión" in client.get(debate.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        comments_services.comment_vote_set(user=make_user("citizen"), comment=first, value=1)
    best = client.get(debate.get_absolute_url() + "?orden=mejores").content.decode()
    assert best.index("Primera opinión") < best.index("Segunda opinión")
    with django_capture_on_commit_callbacks(execute=True):
        comments_services.moderation_set_hidden(
            actor=make_user("facilitator"), target=first, hidden=True, reason="Datos personales"
        )
    assert "Primera opinión" not in client.get(debate.get_absolute_url()).content.decode()
