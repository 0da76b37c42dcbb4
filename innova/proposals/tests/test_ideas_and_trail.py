import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.problems import trail
from innova.problems.models import Problem
from innova.proposals import services
from innova.proposals.models import Idea, IdeaStatus, Origin, Proposal, Status

pytestmark = pytest.mark.django_db


def test_anonymous_idea_is_accepted_and_followed_with_a_private_link(client):
    response = client.post(reverse("ideas:index"), {"body": "Un festival de cometas en Usme Pueblo."})
    idea = Idea.objects.get()
    assert idea.author is None and idea.status == IdeaStatus.NEW
    assert response.url == reverse("ideas:track", args=[idea.token])
    assert "festival de cometas" in client.get(response.url).content.decode()


def test_empty_idea_is_refused_in_spanish(client):
    response = client.post(reverse("ideas:index"), {"body": "   "})
    assert "Escriba su idea" in response.content.decode() and not Idea.objects.exists()


def test_idea_box_is_rate_limited_and_keeps_what_was_typed(client, settings):
    settings.INNOVA_RATE_LIMITS = {"idea": (3, 600)}
    for n in range(3):
        assert client.post(reverse("ideas:index"), {"body": f"Idea número {n}"}).status_code == 302
    response = client.post(reverse("ideas:index"), {"body": "Una idea más de la inundación"})
    assert response.status_code == 429
    assert "Una idea más de la inundación" in response.content.decode()
    assert Idea.objects.count() == 3


@pytest.mark.parametrize(
    "role,allowed", [("citizen", False), ("official", False), ("facilitator", True), ("administrator", True)]
)
def test_only_the_lab_staff_triage(client, request, role, allowed):
    idea = services.idea_submit(author=request.getfixturevalue("citizen"), body="Idea")
    person = request.getfixturevalue(role)
    client.force_login(person)
    assert client.get(reverse("ideas:queue")).status_code == (200 if allowed else 403)
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.idea_triage(actor=person, idea=idea, decision=IdeaStatus.ARCHIVED, reason="No")


def test_triage_into_a_problem_a_proposal_draft_or_the_archive(client, citizen, facilitator, theme, upz):
    to_problem = services.idea_submit(author=citizen, body="Hay un hueco enorme frente al colegio Chuniza")
    to_proposal = services.idea_submit(author=citizen, body="Biblioteca móvil en bicicleta por las veredas")
    to_archive = services.idea_submit(author=citizen, body="Quiero un aeropuerto en Usme")
    client.force_login(facilitator)
    assert "biblioteca móvil" in client.get(reverse("ideas:queue")).content.decode().lower()
    prefix = f"idea-{to_problem.pk}"
    client.post(
        reverse("ideas:triage", args=[to_problem.pk]),
        {f"{prefix}-decision": "problem", f"{prefix}-theme": theme.pk, f"{prefix}-upz": upz.pk},
    )
    problem = Problem.objects.get(title__startswith="Hay un hueco")
    assert problem.author == citizen and problem.published_at is not None
    draft = services.idea_triage(actor=facilitator, idea=to_proposal, decision=IdeaStatus.PROPOSAL)
    assert draft.status == Status.DRAFT and draft.origin == Origin.IDEA and draft.author == citizen
    with pytest.raises(ValidationError):
        services.idea_triage(actor=facilitator, idea=to_archive, decision=IdeaStatus.ARCHIVED, reason="")
    services.idea_triage(
        actor=facilitator, idea=to_archive, decision=IdeaStatus.ARCHIVED, reason="No es competencia de la localidad."
    )
    with pytest.raises(ValidationError):  # once only
        services.idea_triage(actor=facilitator, idea=to_archive, decision=IdeaStatus.PROPOSAL)
    # The sender reads the reason on the idea's page; the problem one links to its problem.
    client.logout()
    assert "No es competencia de la localidad." in client.get(to_archive.get_absolute_url()).content.decode()
    assert problem.reference in client.get(to_problem.get_absolute_url()).content.decode()
    assert Proposal.objects.filter(source_idea=to_proposal).exists()


def test_a_problem_needs_theme_and_upz(facilitator):
    idea = services.idea_submit(author=facilitator, body="Idea")
    with pytest.raises(ValidationError):
        services.idea_triage(actor=facilitator, idea=idea, decision=IdeaStatus.PROBLEM)


def test_trail_on_the_problem_lists_published_proposals_with_their_status(
    client, make_problem, make_proposal, official
):
    problem = make_problem()
    proposal = make_proposal(title="Parcheo comunitario", problems=[problem], origin=Origin.PROBLEM)
    make_proposal(title="Borrador oculto", problems=[problem], publish=False)
    services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.IN_STUDY, reason="A estudio")
    html = client.get(problem.get_absolute_url()).content.decode()
    section = html[html.index('id="rastro"') :]
    assert "Parcheo comunitario" in section and "En estudio" in section
    assert "Borrador oculto" not in html


def test_other_apps_can_add_to_the_trail(make_problem):
    problem = make_problem()

    def boards(p):
        return [
            {"date": p.published_at, "kind": "tablero", "title": "Lluvia de ideas", "url": "/x/", "status": "Abierto"}
        ]

    trail.register(boards)
    try:
        entries = trail.trail_for(problem)
        assert [e.title for e in entries] == ["Lluvia de ideas"]
    finally:
        trail._providers.remove(boards)
