import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import RequestFactory

from innova.core.views import server_error

pytestmark = pytest.mark.django_db


def test_server_error_page_is_spanish_and_standalone():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="es-CO">' in html
    assert "Algo falló de nuestro lado" in html


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"}
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    again = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"}
    changed = {label: (counts[label], again[label]) for label in counts if counts[label] != again[label]}
    assert not changed, f"seed_demo created rows again: {changed}"
    from innova.accounts.models import User

    assert User.objects.filter(email__endswith="@demo.usme.co").count() >= 7


def test_contact_form_keeps_input_and_requires_consent(client):
    data = {"name": "Don Efraín", "email": "efrain@example.com", "subject": "Huecos", "message": "Hay huecos"}
    response = client.post("/contacto/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Don Efraín"' in html and "Hay huecos" in html
    response = client.post("/contacto/", {**data, "accept_policy": "on"})
    assert response.status_code == 302


def test_demo_shows_every_capability_with_more_than_one_example():
    """What a facilitator shows the Alcaldía: several debates, courses, surveys (one with public results), ideas at
    each stage, fronts with risks."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    from innova.courses.models import Course
    from innova.debates.models import Debate
    from innova.difficulties.models import Difficulty
    from innova.opinions.models import Participant
    from innova.proposals.models import Idea, IdeaStatus

    assert Debate.objects.count() >= 3
    assert Debate.objects.filter(closed_at__isnull=False).exclude(conclusion="").exists()
    assert Participant.objects.values("debate").distinct().count() >= 1
    assert Course.objects.filter(published=True).count() >= 2
    assert set(Idea.objects.values_list("status", flat=True)) == set(IdeaStatus.values)
    assert Difficulty.objects.values("front").distinct().count() >= 3
    # Two surveys: one open, one closed whose results anyone can read without an account.
    from django.test import Client

    from innova.surveys.models import Survey

    assert Survey.objects.filter(published=True).count() >= 2
    closed = [s for s in Survey.objects.filter(published=True, results_public=True) if s.is_closed]
    assert closed and closed[0].response_count > 20
    response = Client().get(f"/encuestas/{closed[0].slug}/resultados/")
    assert response.status_code == 200 and response.content.decode().count('<svg class="chart"') >= 3
