import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.core.models import AuditEntry
from innova.core.testing import OFFICIAL_OR_STAFF_ALLOWED
from innova.debates import services
from innova.debates.models import Debate, DebateStatus
from innova.debates.testing import make_debate

pytestmark = pytest.mark.django_db

ROLES_ALLOWED = OFFICIAL_OR_STAFF_ALLOWED  # opening and closing debates is for officials and the lab's staff


@pytest.mark.parametrize("role,allowed", ROLES_ALLOWED)
def test_who_may_open_a_debate(request, role, allowed):
    user = request.getfixturevalue(role)
    if allowed:
        debate = services.debate_create(author=user, title="¿Qué hacemos con el lote de la 5?")
        assert debate.status == DebateStatus.OPEN and debate.created_by == user
    else:
        with pytest.raises(PermissionDenied):
            services.debate_create(author=user, title="¿Qué hacemos con el lote de la 5?")


@pytest.mark.parametrize("state", [DebateStatus.OPEN, DebateStatus.CLOSED])
@pytest.mark.parametrize("role,allowed", ROLES_ALLOWED)
def test_who_may_close_a_debate_in_each_state(request, facilitator, role, state, allowed):
    user = request.getfixturevalue(role)
    debate = make_debate(author=facilitator)
    if state == DebateStatus.CLOSED:
        services.debate_close(actor=facilitator, debate=debate, conclusion="Ya se decidió.")
    if allowed and state == DebateStatus.OPEN:
        services.debate_close(actor=user, debate=debate, conclusion="Se priorizan las huertas.")
        debate.refresh_from_db()
        assert debate.status == DebateStatus.CLOSED and debate.closed_at is not None
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            services.debate_close(actor=user, debate=debate, conclusion="Otra conclusión.")


def test_closing_needs_a_conclusion_and_is_audited(facilitator):
    debate = make_debate(author=facilitator)
    with pytest.raises(ValidationError):
        services.debate_close(actor=facilitator, debate=debate, conclusion="   ")
    services.debate_close(actor=facilitator, debate=debate, conclusion="Se priorizan las huertas.")
    assert AuditEntry.objects.filter(action="debates.closed", actor=facilitator).exists()


def test_create_through_the_form_and_read_it_in_public(client, official):
    client.force_login(official)
    response = client.post(
        reverse("debates:create"),
        {
            "title": "¿Cómo recuperamos la quebrada Yomasa?",
            "context": "La quebrada está contaminada.",
            "has_opinion_map": "on",
        },
    )
    debate = Debate.objects.get()
    assert response.status_code == 302 and response.url == debate.get_absolute_url()
    assert debate.has_opinion_map and not debate.allow_anonymous_opinions
    client.logout()
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "La quebrada está contaminada." in html
    assert reverse("opinions:vote", args=[debate.pk]) in html
    assert reverse("debates:close", args=[debate.pk]) not in html


def test_bad_input_keeps_what_was_typed(client, facilitator):
    client.force_login(facilitator)
    response = client.post(reverse("debates:create"), {"title": "", "context": "Contexto escrito"})
    assert response.status_code == 200
    assert "Contexto escrito" in response.content.decode()
    assert not Debate.objects.exists()


def test_close_through_the_page(client, facilitator, citizen):
    debate = make_debate(author=facilitator)
    client.force_login(citizen)
    assert client.post(reverse("debates:close", args=[debate.pk]), {"conclusion": "x"}).status_code == 403
    client.force_login(facilitator)
    response = client.post(reverse("debates:close", args=[debate.pk]), {"conclusion": ""})
    assert response.status_code == 400
    response = client.post(reverse("debates:close", args=[debate.pk]), {"conclusion": "Se harán dos jornadas."})
    assert response.status_code == 302
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "Se harán dos jornadas." in html
