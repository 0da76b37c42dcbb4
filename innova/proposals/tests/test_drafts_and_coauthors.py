import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.proposals import services
from innova.proposals.models import Invitation, Origin, Proposal, Status

pytestmark = pytest.mark.django_db


def test_write_a_draft_from_a_problem_and_publish_it(client, citizen, make_problem, upz):
    problem = make_problem(title="Basuras en la quebrada Yomasa")
    client.force_login(citizen)
    form = client.get(reverse("proposals:create"), {"problema": problem.pk}).content.decode()
    assert problem.reference in form  # the problem is pre-filled
    response = client.post(
        reverse("proposals:create") + f"?problema={problem.pk}",
        {
            "title": "Puntos limpios en la quebrada Yomasa",
            "summary": "Tres puntos de reciclaje vigilados por la comunidad.",
            "problems": problem.reference,
            "solution": "Instalar tres puntos limpios y jornadas mensuales.",
            "beneficiary_upzs": [upz.pk],
            "estimated_cost": "45000000",
        },
    )
    proposal = Proposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    assert proposal.status == Status.DRAFT and proposal.published_at is None
    assert proposal.origin == Origin.PROBLEM and list(proposal.problems.all()) == [problem]
    client.post(reverse("proposals:publish", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED and proposal.published_at is not None
    assert proposal.versions.count() == 1


def test_bad_input_keeps_what_was_typed_with_spanish_messages(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("proposals:create"),
        {
            "title": "Mi propuesta",
            "summary": "x" * 501,
            "solution": "",
            "problems": "USM-99999",
            "estimated_cost": "1.5",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert "Mi propuesta" in html
    assert "500 caracteres" in html
    assert "USM-99999" in html and "No hay un problema publicado" in html


def test_drafts_are_invisible_to_everyone_but_their_authors(client, make_user, make_proposal, facilitator):
    author = make_user("citizen")
    draft = make_proposal(author=author, publish=False, title="Borrador secreto de huerta")
    other = make_user("citizen")
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(reverse("proposals:versions", args=[draft.pk])).status_code == 404
    assert "Borrador secreto" not in client.get(reverse("proposals:index")).content.decode()
    assert (
        "Borrador secreto" not in client.get(reverse("proposals:similar"), {"title": "huerta secreta"}).content.decode()
    )
    with pytest.raises(PermissionDenied):
        services.proposal_publish(user=other, proposal=draft)
    client.force_login(author)
    assert client.get(url).status_code == 200
    assert "Borrador secreto" in client.get(reverse("proposals:mine")).content.decode()


def test_coauthor_invitation_is_pending_until_the_invitee_accepts(
    client, make_user, make_proposal, django_capture_on_commit_callbacks
):
    author = make_user("citizen")
    invitee = make_user("citizen", email="lucia@example.org")
    draft = make_proposal(author=author, publish=False)
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("proposals:invite", args=[draft.pk]), {"email": "Lucia@Example.org"})
    invitation = Invitation.objects.get()
    assert invitation.email == "lucia@example.org" and invitation.is_pending
    assert len(mail.outbox) == 1 and str(invitation.token) in mail.outbox[0].body
    assert "lucia@example.org" in client.get(draft.get_absolute_url()).content.decode()  # shown as pending
    # Not a co-author yet: the draft stays invisible to the invitee.
    client.force_login(invitee)
    assert client.get(draft.get_absolute_url()).status_code == 404
    # Someone else holding the link cannot accept it.
    intruder = make_user("citizen")
    with pytest.raises(ValidationError):
        services.invitation_accept(user=intruder, invitation=invitation)
    client.post(reverse("proposals:invitation", args=[invitation.token]))
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee and not invitation.is_pending
    assert list(draft.coauthors.all()) == [invitee]
    # A co-author sees, edits and may publish the draft.
    assert client.get(draft.get_absolute_url()).status_code == 200
    services.proposal_update(editor=invitee, proposal=draft, summary="Resumen mejorado por Lucía.")
    services.proposal_publish(user=invitee, proposal=draft)
    draft.refresh_from_db()
    assert draft.published_at is not None


def test_inviting_needs_to_be_an_author_and_not_oneself(make_user, make_proposal):
    author = make_user("citizen", email="autora@example.org")
    proposal = make_proposal(author=author)
    with pytest.raises(PermissionDenied):
        services.proposal_invite(inviter=make_user("citizen"), proposal=proposal, email="x@example.org")
    with pytest.raises(ValidationError):
        services.proposal_invite(inviter=author, proposal=proposal, email="AUTORA@example.org")


def test_summary_is_limited_to_500_characters(citizen):
    with pytest.raises(ValidationError):
        services.proposal_create(author=citizen, title="T", summary="x" * 501, solution="S")
