import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from innova.proposals import services
from innova.proposals.models import Proposal, Status, Support

pytestmark = pytest.mark.django_db


# Supporting, withdrawing, anonymous people and concurrent clicks: tests/test_supports.py (with problems).


def test_drafts_cannot_be_supported(client, citizen, make_proposal):
    draft = make_proposal(publish=False)
    client.force_login(citizen)
    assert client.post(reverse("proposals:support", args=[draft.pk]), {"supported": "1"}).status_code == 404
    assert Support.objects.count() == 0


def test_threshold_starts_the_answer_deadline_and_staff_see_it(client, settings, make_user, make_proposal, official):
    settings.INNOVA_PROPOSAL_SUPPORT_THRESHOLD = 2
    proposal = make_proposal()
    services.proposal_support_set(user=make_user("citizen"), proposal=proposal, supported=True)
    proposal.refresh_from_db()
    assert proposal.answer_due_at is None
    services.proposal_support_set(user=make_user("citizen"), proposal=proposal, supported=True)
    proposal.refresh_from_db()
    assert proposal.answer_due_at > timezone.now()
    client.force_login(make_user("citizen"))
    assert client.get(reverse("proposals:pending")).status_code == 403
    client.force_login(official)
    assert proposal.title in client.get(reverse("proposals:pending")).content.decode()
    services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.IN_STUDY, reason="A estudio")
    services.proposal_change_status(actor=official, proposal=proposal, to_status=Status.VIABLE, reason="Es viable.")
    assert proposal.title not in client.get(reverse("proposals:pending")).content.decode()


def test_list_filters_spanish_search_and_sorts(client, make_user, make_proposal, official, upz):
    lights = make_proposal(title="Luminarias solares en los parques", beneficiary_upzs=[upz])
    trees = make_proposal(title="Sembrar árboles nativos en la ronda", summary="Árboles para la quebrada.")
    services.proposal_change_status(actor=official, proposal=trees, to_status=Status.IN_STUDY, reason="A estudio")
    for _ in range(2):
        services.proposal_support_set(user=make_user("citizen"), proposal=trees, supported=True)
    index = reverse("proposals:index")
    html = client.get(index).content.decode()
    assert html.index(trees.title) < html.index(lights.title)  # most supported first
    newest = make_proposal(title="Ciclovía dominical en la Avenida Boyacá")
    html = client.get(index, {"sort": "recientes"}).content.decode()
    assert html.index(newest.title) < html.index(trees.title)
    assert trees.title not in client.get(index, {"upz": upz.pk}).content.decode()
    assert lights.title not in client.get(index, {"status": "in_study"}).content.decode()
    found = client.get(index, {"q": "arboles"}).content.decode()  # without the accent
    assert trees.title in found and lights.title not in found
    assert client.get(index, {"sort": "nonsense", "pagina": "zz"}).status_code == 200


def test_similar_hint_while_typing_and_review_before_publishing(client, make_user, make_proposal):
    existing = make_proposal(title="Huertas comunitarias en los colegios de Usme")
    author = make_user("citizen")
    hint = client.get(reverse("proposals:similar"), {"title": "huerta comunitaria colegio"}).content.decode()
    assert existing.title in hint
    assert client.get(reverse("proposals:similar"), {"title": "de la el"}).content.decode().strip() == ""
    draft = make_proposal(author=author, publish=False, title="Huerta comunitaria en el colegio Chuniza")
    client.force_login(author)
    review = client.post(reverse("proposals:publish", args=[draft.pk]))
    assert review.status_code == 200 and existing.title in review.content.decode()
    draft.refresh_from_db()
    assert draft.published_at is None
    # Support the existing one instead: the draft is kept, unpublished.
    client.post(reverse("proposals:publish", args=[draft.pk]), {"action": f"support:{existing.pk}"})
    assert Support.objects.filter(proposal=existing, user=author).exists()
    client.post(reverse("proposals:publish", args=[draft.pk]), {"action": "publish"})
    draft.refresh_from_db()
    assert draft.published_at is not None


def test_comments_work_on_proposals(client, citizen, make_proposal):
    from django.contrib.contenttypes.models import ContentType

    proposal = make_proposal()
    client.force_login(citizen)
    ct = ContentType.objects.get_for_model(proposal).pk
    client.post(reverse("comments:comment_create", args=[ct, proposal.pk]), {"body": "Me parece muy buena idea."})
    proposal.refresh_from_db()
    assert proposal.comment_count == 1
    assert "Me parece muy buena idea." in client.get(proposal.get_absolute_url()).content.decode()


def test_hidden_proposals_leave_lists_and_pages_but_staff_still_see_them(client, make_user, make_proposal, facilitator):
    from innova.comments.services import moderation_set_hidden

    proposal = make_proposal(title="Propuesta con insultos")
    moderation_set_hidden(actor=facilitator, target=proposal, hidden=True, reason="Insulta a un vecino.")
    assert "Propuesta con insultos" not in client.get(reverse("proposals:index")).content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 404
    client.force_login(make_user("citizen"))
    assert client.post(reverse("proposals:support", args=[proposal.pk]), {"supported": "1"}).status_code == 404
    client.force_login(facilitator)
    assert "Insulta a un vecino." in client.get(proposal.get_absolute_url()).content.decode()


def test_many_comments_come_twenty_threads_a_page_with_their_replies(client, make_user, make_proposal):
    from innova.comments.services import comment_add

    proposal = make_proposal()
    person = make_user("citizen")
    first = comment_add(author=person, target=proposal, body="Comentario 0")
    comment_add(author=person, target=proposal, body="Respuesta al primero", parent=first)
    for n in range(1, 25):
        comment_add(author=person, target=proposal, body=f"Comentario {n}")
    page_one = client.get(proposal.get_absolute_url()).content.decode()
    assert "(26)" in page_one and "Respuesta al primero" in page_one
    assert "Comentario 19<" in page_one and "Comentario 20<" not in page_one
    page_two = client.get(proposal.get_absolute_url(), {"comentarios": 2}).content.decode()
    assert "Comentario 24<" in page_two and "Comentario 0<" not in page_two


def test_pending_lists_page_each_list_on_its_own(client, monkeypatch, make_proposal, official):
    monkeypatch.setattr("innova.core.views.PENDING_PER_PAGE", 1)
    now = timezone.now()
    for title, days in (("Muy vencida", -9), ("Vencida", -1), ("En plazo", 4)):
        proposal = make_proposal(title=title)
        Proposal.objects.filter(pk=proposal.pk).update(answer_due_at=now + datetime.timedelta(days=days))
    client.force_login(official)
    html = client.get(reverse("proposals:pending")).content.decode()
    assert "Muy vencida" in html and ">Vencida<" not in html and "En plazo" in html
    assert '<span class="badge badge-red">2</span>' in html and "?vencidos=2#vencidos" in html
    html = client.get(reverse("proposals:pending"), {"vencidos": "2"}).content.decode()
    assert ">Vencida<" in html and "Muy vencida" not in html and "En plazo" in html
