import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.core.testing import OFFICIAL_OR_STAFF_ALLOWED
from innova.proposals import services
from innova.proposals.models import Status

pytestmark = pytest.mark.django_db

ORDER = [Status.IN_STUDY, Status.VIABLE, Status.PROTOTYPE, Status.IMPLEMENTED, Status.EVALUATED]


def test_edits_before_publishing_leave_no_versions_and_after_publishing_each_one_does(client, make_user, make_proposal):
    author = make_user("citizen")
    proposal = make_proposal(author=author, publish=False)
    services.proposal_update(editor=author, proposal=proposal, summary="Primer ajuste del borrador.")
    assert proposal.versions.count() == 0
    services.proposal_publish(user=author, proposal=proposal)
    services.proposal_update(
        editor=author, proposal=proposal, solution="Instalar 30 luminarias <script>alert(1)</script>"
    )
    services.proposal_update(
        editor=author, proposal=proposal, solution="Instalar 30 luminarias <script>alert(1)</script>"
    )
    services.proposal_update(editor=author, proposal=proposal, estimated_cost=12_000_000)
    assert list(proposal.versions.values_list("number", flat=True)) == [1, 2, 3]  # the unchanged edit made none
    html = client.get(reverse("proposals:versions", args=[proposal.pk])).content.decode()
    assert 'class="diff-add">' in html and 'class="diff-del">' in html
    assert "Instalar 30 luminarias &lt;script&gt;" in html and "<script>alert" not in html  # rendered safely
    assert "12.000.000" in html


def test_editing_is_for_authors_only(client, make_user, make_proposal, facilitator):
    proposal = make_proposal()
    for person in (make_user("citizen"), facilitator):
        with pytest.raises(PermissionDenied):
            services.proposal_update(editor=person, proposal=proposal, title="Otro")
    client.force_login(make_user("citizen"))
    assert client.get(reverse("proposals:edit", args=[proposal.pk])).status_code == 403


@pytest.mark.parametrize("role,allowed", OFFICIAL_OR_STAFF_ALLOWED)
def test_who_may_move_the_lifecycle(request, make_proposal, role, allowed):
    actor = request.getfixturevalue(role)
    proposal = make_proposal()
    if allowed:
        services.proposal_change_status(actor=actor, proposal=proposal, to_status=Status.IN_STUDY, reason="A estudio")
        proposal.refresh_from_db()
        assert proposal.status == Status.IN_STUDY
    else:
        with pytest.raises(PermissionDenied):
            services.proposal_change_status(actor=actor, proposal=proposal, to_status=Status.IN_STUDY, reason="x")


def test_the_author_cannot_move_their_own_proposal(client, make_user, make_proposal):
    author = make_user("citizen")
    proposal = make_proposal(author=author)
    client.force_login(author)
    response = client.post(
        reverse("proposals:change_status", args=[proposal.pk]), {"to_status": "in_study", "reason": "ya"}
    )
    assert response.status_code == 403


def test_lifecycle_only_in_order_with_reasons_and_public_history(client, official, make_proposal):
    proposal = make_proposal()
    for wrong in (Status.VIABLE, Status.EVALUATED, Status.DRAFT):
        with pytest.raises(ValidationError):
            services.proposal_change_status(actor=official, proposal=proposal, to_status=wrong, reason="salto")
    with pytest.raises(ValidationError):
        services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.IN_STUDY, reason="  ")
    for step in ORDER:
        services.proposal_change_status(actor=official, proposal=proposal, to_status=step, reason=f"paso {step}")
    with pytest.raises(ValidationError):  # final
        services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.IN_STUDY, reason="otra")
    history = list(proposal.status_changes.values_list("to_status", flat=True))
    assert history == ["draft", "published", *ORDER]
    proposal.refresh_from_db()
    assert proposal.answered_at is not None  # viable is the official answer
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "paso viable" in html and "paso evaluated" in html and official.public_name in html


def test_not_viable_needs_a_reason_and_is_final(official, make_proposal):
    proposal = make_proposal()
    services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.IN_STUDY, reason="A estudio")
    with pytest.raises(ValidationError):
        services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.NOT_VIABLE, reason="")
    services.proposal_change_status(
        actor=official, proposal=proposal, to_status=Status.NOT_VIABLE, reason="El predio es privado."
    )
    with pytest.raises(ValidationError):
        services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.PROTOTYPE, reason="x")


def test_a_draft_cannot_be_moved_by_staff(official, make_proposal):
    draft = make_proposal(publish=False)
    with pytest.raises(ValidationError):
        services.proposal_change_status(actor=official, proposal=draft, to_status=Status.IN_STUDY, reason="x")


def test_status_form_with_missing_reason_says_so(client, official, make_proposal):
    proposal = make_proposal()
    client.force_login(official)
    response = client.post(
        reverse("proposals:change_status", args=[proposal.pk]), {"to_status": "in_study", "reason": ""}, follow=True
    )
    assert "motivo" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


def test_authors_coauthors_and_supporters_hear_about_each_step(
    make_user, make_proposal, official, django_capture_on_commit_callbacks
):
    from innova.notifications.models import Notification

    author, coauthor, supporter = make_user("citizen"), make_user("citizen"), make_user("citizen")
    proposal = make_proposal(author=author, publish=False)
    invitation = services.proposal_invite(inviter=author, proposal=proposal, email=coauthor.email)
    services.invitation_accept(user=coauthor, invitation=invitation)
    proposal = services.proposal_publish(user=author, proposal=proposal)
    services.proposal_support_set(user=supporter, proposal=proposal, supported=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.IN_STUDY, reason="Ok")
    for person in (author, coauthor, supporter):
        assert Notification.objects.filter(recipient=person, kind="proposal_status_changed").exists()
    assert not Notification.objects.filter(recipient=official).exists()
