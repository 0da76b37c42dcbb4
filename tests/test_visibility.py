"""Issue #18.10: comments, flags, comment votes and follows check that the target is visible to the actor."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from innova.brainstorms.services import boards
from innova.comments.models import Comment, CommentVote, Flag
from innova.comments.services import comment_add
from innova.core.models import AuditEntry
from innova.fronts import services as fronts
from innova.notifications.models import Follow
from innova.problems.models import Theme
from innova.proposals import services as proposals

pytestmark = pytest.mark.django_db


def _ct(obj) -> int:
    return ContentType.objects.get_for_model(obj).pk


@pytest.fixture
def draft(make_user):
    """Someone else's draft proposal: its page answers 404 to a stranger."""
    author = make_user("citizen", display_name="Autora del borrador")
    proposal = proposals.proposal_create(
        author=author, title="Borrador privado de senderos", summary="Aún no publicado.", solution="Luminarias."
    )
    return proposal


def test_hardening_10_the_draft_answers_404_to_a_stranger(client, citizen, draft):
    client.force_login(citizen)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_hardening_10_a_stranger_cannot_comment_on_a_draft(client, citizen, draft):
    client.force_login(citizen)
    response = client.post(reverse("comments:comment_create", args=[_ct(draft), draft.pk]), {"body": "Lo leí igual"})
    assert response.status_code == 404
    assert not Comment.objects.exists()
    # Its author still may (drafts are private to their authors, not closed to them).
    comment_add(author=draft.author, target=draft, body="Nota para mí")
    assert Comment.objects.count() == 1


def test_hardening_10_a_stranger_cannot_flag_a_draft(client, citizen, draft):
    client.force_login(citizen)
    response = client.post(reverse("comments:flag_create", args=[_ct(draft), draft.pk]), {"reason": "Ofensivo"})
    assert response.status_code == 404
    assert not Flag.objects.exists()


def test_hardening_10_a_stranger_cannot_vote_a_comment_on_a_draft(client, citizen, draft):
    note = comment_add(author=draft.author, target=draft, body="Nota del borrador")
    client.force_login(citizen)
    response = client.post(reverse("comments:comment_vote", args=[note.pk]), {"value": "1"})
    assert response.status_code == 404
    assert not CommentVote.objects.exists()


def test_hardening_10_a_stranger_cannot_follow_a_draft_or_a_members_only_board(client, citizen, draft, make_user):
    coordinator = make_user("facilitator")
    front = fronts.front_create(
        creator=coordinator, name="Frente privado", theme=Theme.objects.get(slug="movilidad"), description="x"
    )
    private = boards.board_create(actor=coordinator, prompt="¿Qué llevamos a la junta?", front=front, members_only=True)
    client.force_login(citizen)
    for target in (draft, private):
        response = client.post(reverse("notifications:follow", args=[_ct(target), target.pk]), {"following": "1"})
        assert response.status_code == 404
    assert not Follow.objects.filter(user=citizen).exists()
    # A member of the front follows it.
    member = make_user("citizen")
    fronts.front_join(user=member, front=front)
    client.force_login(member)
    client.post(reverse("notifications:follow", args=[_ct(private), private.pk]), {"following": "1"})
    assert Follow.objects.filter(user=member, target_id=private.pk).exists()


def test_hardening_10_unregistered_models_are_visible_to_nobody(administrator):
    from innova.core import visibility

    entry = AuditEntry.objects.create(action="x")
    assert not visibility.is_visible(administrator, entry)
    with pytest.raises(visibility.NotVisible):
        visibility.require_visible(administrator, entry)
