import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.difficulties import selectors, services
from innova.difficulties.models import Difficulty, DifficultyStatus
from innova.difficulties.testing import make_difficulty, make_front
from innova.notifications.models import Notification
from innova.problems import trail

pytestmark = pytest.mark.django_db

ROLES = ["citizen", "unverified_official", "contractor", "official", "facilitator", "administrator"]
STAFF = {"facilitator", "administrator"}


@pytest.mark.parametrize("role", ROLES)
def test_who_records_difficulties_on_a_front(request, make_user, role):
    user = request.getfixturevalue(role)
    official = make_user("official")
    front = make_front(creator=official)  # this official coordinates it; the others do not
    if role in STAFF:
        assert make_difficulty(actor=user, front=front).front == front
    else:
        with pytest.raises(PermissionDenied):
            make_difficulty(actor=user, front=front)
    assert make_difficulty(actor=official, front=front).created_by == official


@pytest.mark.parametrize("role", ROLES)
def test_proposal_authors_manage_the_difficulties_of_their_proposal(request, make_proposal, role):
    user = request.getfixturevalue(role)
    proposal = make_proposal()
    own = make_difficulty(actor=proposal.author, proposal=proposal)
    if role in STAFF:
        services.difficulty_change_status(actor=user, difficulty=own, to_status=DifficultyStatus.MITIGATING)
    else:
        with pytest.raises(PermissionDenied):
            services.difficulty_change_status(actor=user, difficulty=own, to_status=DifficultyStatus.MITIGATING)


def test_a_difficulty_belongs_somewhere_and_scales_go_from_1_to_5(facilitator):
    with pytest.raises(ValidationError):
        services.difficulty_create(actor=facilitator, title="X", description="Y", kind="social", likelihood=3, impact=3)
    front = make_front(creator=facilitator)
    for bad in ({"likelihood": 0}, {"impact": 6}, {"kind": "magic"}, {"title": "  "}):
        with pytest.raises(ValidationError):
            make_difficulty(actor=facilitator, front=front, **bad)


@pytest.mark.parametrize(
    "path,allowed",
    [
        (["mitigating"], True),
        (["mitigating", "resolved"], True),
        (["mitigating", "accepted"], True),
        (["resolved"], False),
        (["accepted"], False),
        (["mitigating", "open"], False),
        (["mitigating", "resolved", "accepted"], False),
    ],
)
def test_status_goes_only_in_order_and_is_kept_in_history(facilitator, path, allowed):
    difficulty = make_difficulty(actor=facilitator)
    steps = path if allowed else path[:-1]
    for step in steps:
        services.difficulty_change_status(actor=facilitator, difficulty=difficulty, to_status=step, reason="Porque sí")
    if not allowed:
        with pytest.raises(ValidationError):
            services.difficulty_change_status(actor=facilitator, difficulty=difficulty, to_status=path[-1], reason="x")
    difficulty.refresh_from_db()
    assert difficulty.status == (steps[-1] if steps else DifficultyStatus.OPEN)
    assert [c.to_status for c in difficulty.status_changes.all()] == steps


def test_accepting_needs_a_reason(facilitator):
    difficulty = make_difficulty(actor=facilitator)
    services.difficulty_change_status(actor=facilitator, difficulty=difficulty, to_status="mitigating")
    with pytest.raises(ValidationError):
        services.difficulty_change_status(actor=facilitator, difficulty=difficulty, to_status="accepted", reason="")


def test_risk_matrix_places_each_active_difficulty_in_its_cell(client, facilitator):
    front = make_front(creator=facilitator)
    make_difficulty(actor=facilitator, front=front, title="Lluvias", likelihood=5, impact=2)
    make_difficulty(actor=facilitator, front=front, title="Permiso", likelihood=1, impact=5)
    done = make_difficulty(actor=facilitator, front=front, title="Resuelta ya", likelihood=3, impact=3)
    services.difficulty_change_status(actor=facilitator, difficulty=done, to_status="mitigating")
    services.difficulty_change_status(actor=facilitator, difficulty=done, to_status="resolved")
    matrix = selectors.risk_matrix(front=front)
    assert [row["likelihood"] for row in matrix] == [5, 4, 3, 2, 1]
    placed = {
        (row["likelihood"], cell["impact"]): [d.title for d in cell["items"]]
        for row in matrix
        for cell in row["cells"]
        if cell["items"]
    }
    assert placed == {(5, 2): ["Lluvias"], (1, 5): ["Permiso"]}
    assert matrix[0]["cells"][4]["band"] == "band-high" and matrix[4]["cells"][0]["band"] == "band-low"
    html = client.get(reverse("difficulties:front_matrix", args=[front.slug])).content.decode()
    assert '<table class="risk-matrix">' in html and 'data-likelihood="5" data-impact="2"' in html
    assert "style=" not in html.split('<table class="risk-matrix">')[1].split("</table>")[0]
    # On a phone each cell is a few characters wide: it holds a count that links to its titles, listed below.
    assert 'href="#celda-5-2"' in html and 'id="celda-5-2"' in html
    cells = html.split('<table class="risk-matrix">')[1].split("</table>")[0]
    assert "Lluvias" not in cells and "Lluvias" in html.split("</table>")[1]


def test_overdue_review_notifies_the_owner_once(citizen, facilitator):
    today = datetime.date(2026, 11, 30)
    difficulty = make_difficulty(actor=facilitator, owner=citizen, review_date=today - datetime.timedelta(days=1))
    make_difficulty(actor=facilitator, owner=citizen, review_date=today, title="Aún no vence")
    assert services.difficulty_reviews_due_notify(today=today) == 1
    assert services.difficulty_reviews_due_notify(today=today) == 0
    assert services.difficulty_reviews_due_notify(today=today + datetime.timedelta(days=1)) == 1  # the second one
    told = Notification.objects.filter(kind="difficulty_review_due", recipient=citizen)
    assert told.count() == 2
    services.difficulty_update(actor=facilitator, difficulty=difficulty, review_date=today + datetime.timedelta(days=3))
    assert services.difficulty_reviews_due_notify(today=today + datetime.timedelta(days=1)) == 0
    assert services.difficulty_reviews_due_notify(today=today + datetime.timedelta(days=4)) == 1


def test_closed_difficulties_are_not_chased(citizen, facilitator):
    difficulty = make_difficulty(actor=facilitator, owner=citizen, review_date=datetime.date(2020, 1, 1))
    services.difficulty_change_status(actor=facilitator, difficulty=difficulty, to_status="mitigating")
    services.difficulty_change_status(actor=facilitator, difficulty=difficulty, to_status="resolved")
    assert services.difficulty_reviews_due_notify() == 0


def test_pages_forms_and_sections(client, facilitator, citizen, make_proposal):
    front = make_front(creator=facilitator)
    client.force_login(facilitator)
    url = reverse("difficulties:create") + f"?frente={front.slug}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "", "description": "Texto que escribí", "kind": "social"})
    assert response.status_code == 200 and "Texto que escribí" in response.content.decode()
    response = client.post(
        url,
        {
            "title": "Poca asistencia",
            "description": "La gente no llega.",
            "kind": "social",
            "likelihood": 3,
            "impact": 4,
            "owner": facilitator.pk,
            "review_date": "2026-12-15",
        },
    )
    difficulty = Difficulty.objects.get()
    assert response.status_code == 302 and difficulty.owner == facilitator
    client.post(reverse("difficulties:change_status", args=[difficulty.pk]), {"to_status": "mitigating"})
    difficulty.refresh_from_db()
    assert difficulty.status == "mitigating"
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    assert (
        client.post(reverse("difficulties:change_status", args=[difficulty.pk]), {"to_status": "resolved"}).status_code
        == 403
    )
    assert "Poca asistencia" in client.get(front.get_absolute_url()).content.decode()
    assert "Poca asistencia" in client.get(reverse("difficulties:index") + "?estado=mitigating").content.decode()
    proposal = make_proposal(author=citizen)
    assert client.get(reverse("difficulties:create") + f"?propuesta={proposal.pk}").status_code == 200
    assert "dificultades" in client.get(proposal.get_absolute_url()).content.decode()


def test_draft_proposal_difficulties_stay_private(client, make_proposal, citizen):
    draft = make_proposal(publish=False)
    difficulty = make_difficulty(actor=draft.author, proposal=draft, title="Secreto del borrador")
    client.force_login(citizen)
    assert client.get(difficulty.get_absolute_url()).status_code == 404
    assert "Secreto del borrador" not in client.get(reverse("difficulties:index")).content.decode()


def test_difficulties_show_in_the_trail_of_the_problem(make_proposal, make_problem, facilitator):
    problem = make_problem()
    proposal = make_proposal(problems=[problem])
    make_difficulty(actor=facilitator, proposal=proposal, title="Sin presupuesto")
    assert "Sin presupuesto" in [entry.title for entry in trail.trail_for(problem)]


def test_hardening_09_coordinator_edits_a_difficulty_that_has_an_owner(client, make_user, citizen):
    coordinator = make_user("official")
    front = make_front(creator=coordinator)
    difficulty = make_difficulty(actor=coordinator, front=front, owner=coordinator, mitigation="Llamar a la CAR")
    gone = make_user("citizen", display_name="Dueña anterior")
    client.force_login(coordinator)
    response = client.get(reverse("difficulties:edit", args=[difficulty.pk]))
    assert response.status_code == 200
    assert "Llamar a la CAR" in response.content.decode()
    # The current owner stays choosable even when they no longer qualify (left the front, deactivated account).
    Difficulty.objects.filter(pk=difficulty.pk).update(owner=gone)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    html = client.get(reverse("difficulties:edit", args=[difficulty.pk])).content.decode()
    assert "Dueña anterior" in html and citizen.display_name not in html
