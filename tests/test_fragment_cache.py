"""What signed-in people read from kept fragments (innova/core/fragments.py) and header counts.

A signed-in reader gets the page rendered for them, but the parts every reader sees alike come from the cache. Each
test reads a page once (kept), changes something through the real services, and reads again as a signed-in
person: the change must be there on the very next request. What is a reader's own (support and follow state, their
votes, staff forms, CSRF tokens) never reaches another reader. Detail pages cost at most 2 queries when warm.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from innova.core.ratelimit import rate_limits_suspended

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def read(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_problems_list_shows_a_support_a_status_and_a_new_title_at_once(make_problem, citizen, make_user, facilitator):
    from innova.problems.services import problem_change_status, problem_support_set

    problem = make_problem(title="Basuras en la quebrada Yomasa")
    reader, url = signed_in(citizen), reverse("problems:index")
    assert "Basuras en la quebrada Yomasa" in read(reader, url)
    assert "0 afectados" in read(reader, url)

    with rate_limits_suspended():
        problem_support_set(user=make_user("citizen"), problem=problem, supported=True)
    assert "1 afectado" in read(reader, url)

    problem_change_status(actor=facilitator, problem=problem, to_status="in_review", reason="Lo revisamos")
    assert "En revisión" in read(reader, url)

    problem.title = "Basuras y escombros en la quebrada Yomasa"
    problem.save()  # as the admin does
    assert "Basuras y escombros en la quebrada Yomasa" in read(reader, url)


def test_problem_detail_shows_changes_and_keeps_each_readers_own_state(
    make_problem, citizen, make_user, official, facilitator
):
    from innova.comments.services import comment_add, comment_vote_set
    from innova.problems.services import problem_answer, problem_change_status, problem_support_set

    problem = make_problem(title="Huecos en la vía a Chuniza")
    neighbour = make_user("citizen")
    comment = comment_add(author=neighbour, target=problem, body="En la esquina del colegio es peor")
    url = problem.get_absolute_url()
    # Staff read it first: their forms and the exact place must not reach a resident through a kept fragment.
    staff_page = read(signed_in(facilitator), url)
    assert "Cambiar estado" in staff_page
    reader = signed_in(citizen)
    page = read(reader, url)
    assert "Cambiar estado" not in page and "Publicar respuesta oficial" not in page
    assert 'aria-pressed="true"' not in page

    with rate_limits_suspended():
        problem_support_set(user=citizen, problem=problem, supported=True)
    page = read(reader, url)
    assert "<strong>1</strong> persona" in page and 'aria-pressed="true"' in page
    # Another resident sees the new count, not the first reader's support.
    other = read(signed_in(neighbour), url)
    assert "<strong>1</strong> persona" in other and "✓ Me afecta también (retirar)" not in other

    comment_vote_set(user=citizen, comment=comment, value=1)
    page = read(reader, url)
    assert "1 punto" in page
    assert re.search(r'aria-pressed="true">▲', page)
    assert not re.search(r'aria-pressed="true">▲', read(signed_in(make_user("citizen")), url))

    problem_answer(actor=official, problem=problem, body="La cuadrilla irá el lunes")
    assert "La cuadrilla irá el lunes" in read(reader, url)
    problem_change_status(actor=facilitator, problem=problem, to_status="in_review", reason="Lo revisamos")
    assert "Lo revisamos" in read(reader, url)
    problem.title = "Huecos enormes en la vía a Chuniza"
    problem.save()
    assert "<h1>Huecos enormes en la vía a Chuniza</h1>" in read(reader, url)


def test_proposal_pages_show_changes_and_keep_each_readers_own_state(make_proposal, citizen, make_user, official):
    from innova.proposals.services import proposal_change_status, proposal_support_set, proposal_update

    author = make_user("citizen")
    proposal = make_proposal(title="Huerta comunitaria en La Aurora", author=author)
    index, url = reverse("proposals:index"), proposal.get_absolute_url()
    assert "Editar (se guarda una nueva versión)" in read(signed_in(author), url)
    reader = signed_in(citizen)
    assert "Huerta comunitaria en La Aurora" in read(reader, index)
    page = read(reader, url)
    assert "Editar (se guarda una nueva versión)" not in page and "Registrar una dificultad" not in page

    with rate_limits_suspended():
        proposal_support_set(user=citizen, proposal=proposal, supported=True)
    assert 'aria-pressed="true"' in read(reader, url)
    assert "1 apoyo" in read(reader, index)

    proposal_change_status(actor=official, proposal=proposal, to_status="in_study", reason="La estudiamos")
    assert "En estudio" in read(reader, url)
    assert "En estudio" in read(reader, index)

    proposal_update(
        editor=author,
        proposal=proposal,
        problems=[],
        beneficiary_upzs=[],
        title="Huerta y vivero comunitario en La Aurora",
        summary=proposal.summary,
        solution=proposal.solution,
        expected_impact="",
        beneficiary_groups="",
        estimated_cost=None,
        resources="",
    )
    assert "<h1>Huerta y vivero comunitario en La Aurora</h1>" in read(reader, url)
    assert "Huerta y vivero comunitario en La Aurora" in read(reader, index)


def test_a_new_notification_shows_in_the_bell_on_the_next_request(citizen):
    from innova.notifications.services.bell import notification_mark_read
    from innova.notifications.services.emit import notification_emit

    reader, url = signed_in(citizen), reverse("problems:index")
    assert 'id="notification-bell-count" hidden' in read(reader, url)
    notification_emit(kind="mentioned", recipients=[citizen], dedupe_key="first")  # a bulk insert: no model signal
    assert re.search(r'id="notification-bell-count">1<', read(reader, url))
    notification_mark_read(user=citizen)
    assert 'id="notification-bell-count" hidden' in read(reader, url)


def test_a_kept_comment_form_carries_each_readers_own_token(make_problem, citizen, make_user):
    problem = make_problem()
    url = problem.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(citizen)
    second.force_login(make_user("citizen"))
    read(first, url)
    page = read(second, url)
    token = TOKEN.findall(page)[-1]
    content_type = re.search(r'action="(/comentarios/[^"]+)"', page).group(1)
    posted = second.post(content_type, {"body": "Mañana vamos con la junta", "next": url, "csrfmiddlewaretoken": token})
    assert posted.status_code == 302
    assert "Mañana vamos con la junta" in read(first, url)


@pytest.mark.parametrize("kind", ["problem", "proposal"])
def test_detail_pages_cost_at_most_two_queries_for_a_signed_in_resident(
    kind, make_problem, make_proposal, make_user, citizen, django_assert_max_num_queries
):
    from innova.comments.services import comment_add, comment_vote_set

    target = make_problem() if kind == "problem" else make_proposal(problems=[make_problem()])
    for n in range(3):
        comment = comment_add(author=make_user("citizen"), target=target, body=f"Comentario {n}")
        comment_add(author=make_user("citizen"), target=target, body="De acuerdo", parent=comment)
    comment_vote_set(user=citizen, comment=comment, value=1)
    reader, url = signed_in(citizen), target.get_absolute_url()
    read(reader, url)  # keeps the fragments
    # The session (from the database without Redis) and the reader's own state: the rest is kept.
    with django_assert_max_num_queries(2):
        assert "Comentario 2" in read(reader, url)


@pytest.mark.parametrize("kind", ["problem", "proposal"])
def test_a_hidden_item_is_gone_for_residents_at_once_and_moderators_still_read_it(
    kind, make_problem, make_proposal, citizen, facilitator
):
    from innova.comments.services import moderation_set_hidden

    target = make_problem(title="Un título para ocultar") if kind == "problem" else make_proposal()
    reader, url = signed_in(citizen), target.get_absolute_url()
    read(reader, url)
    read(reader, url)  # kept for every reader now
    moderation_set_hidden(actor=facilitator, target=target, hidden=True, reason="Datos personales")
    assert reader.get(url).status_code == 404
    assert "Datos personales" in read(signed_in(facilitator), url)


def test_the_reader_state_is_one_statement_of_exists(make_problem, citizen, make_user):
    from innova.core.selectors import rows_exist
    from innova.notifications.selectors import follow_match
    from innova.notifications.services.follows import follow_set
    from innova.problems.models import Problem, Support
    from innova.problems.services import problem_support_set

    problem, other = make_problem(), make_user("citizen")
    with rate_limits_suspended():
        problem_support_set(user=citizen, problem=problem, supported=True)

    def state(user):
        return rows_exist(
            (Support, {"problem": problem.pk, "user": user.pk}),
            follow_match(user=user, target_model=Problem, target_id=problem.pk),
        )

    assert state(citizen) == (True, True)  # supporting follows it
    assert state(other) == (False, False)
    follow_set(user=other, target=problem, following=True)
    assert state(other) == (False, True)


def test_the_kept_header_shows_each_readers_name_section_and_return_path(citizen, make_user):
    from innova.accounts.services import profile_update

    profile_update(user=citizen, display_name="Marleny de Chuniza")
    other = make_user("citizen")
    profile_update(user=other, display_name="Jairo de Danubio")
    reader = signed_in(citizen)
    problems, proposals = reverse("problems:index"), reverse("proposals:index")
    page = read(reader, problems)
    assert "Marleny de Chuniza" in page and f'href="{problems}" aria-current="page"' in page
    page = read(reader, proposals)
    assert f'href="{proposals}" aria-current="page"' in page and f'href="{problems}" aria-current' not in page
    assert 'id="header-search-q"' in page and 'id="header-search-q"' not in read(reader, reverse("search"))
    page = read(signed_in(other), proposals)
    assert "Jairo de Danubio" in page and "Marleny de Chuniza" not in page
    # Visitors: the log-in link brings each back to the page they were on.
    visitor = Client()
    assert f"?next={problems}" in read(visitor, problems) and f"?next={proposals}" in read(visitor, proposals)


def test_the_list_count_is_exact_on_the_next_request(make_problem, citizen, facilitator):
    from innova.comments.services import moderation_set_hidden

    first = make_problem(title="Primero")
    reader, url = signed_in(citizen), reverse("problems:index")
    assert "1 problema" in read(reader, url)
    make_problem(title="Segundo")
    assert "2 problemas" in read(reader, url)
    assert "1 problema" in read(reader, f"{url}?q=Segundo")
    moderation_set_hidden(actor=facilitator, target=first, hidden=True, reason="Repetido")
    assert "1 problema" in read(reader, url)


def test_a_card_follows_its_author_and_theme_while_the_other_cards_stay_kept(make_problem, citizen, make_user):
    from innova.accounts.services import profile_update
    from innova.core.fragments import instance_token
    from innova.problems import selectors

    author = make_user("citizen")
    profile_update(user=author, display_name="Don Arcesio")
    problem = make_problem(title="Basuras en Alfonso López", author=author)
    make_problem(title="Otro problema")
    reader, url = signed_in(citizen), reverse("problems:index")
    assert "Don Arcesio" in read(reader, url)
    profile_update(user=author, display_name="Don Arcesio Rojas")
    assert "Don Arcesio Rojas" in read(reader, url)
    problem.theme.name = "Aseo y basuras"
    problem.theme.save()
    assert "Aseo y basuras" in read(reader, url)

    def tokens():
        return [instance_token(item) for item in selectors.problem_list(filters=selectors.ProblemFilters())]

    before = tokens()
    assert before == tokens()  # the same rows loaded again: the same keys
    with rate_limits_suspended():
        from innova.problems.services import problem_support_set

        problem_support_set(user=citizen, problem=problem, supported=True)
    after = tokens()
    assert len(set(after) - set(before)) == 1  # only its own card is rendered again (it also moved up the list)
