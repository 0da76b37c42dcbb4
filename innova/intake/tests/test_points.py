import pytest
from django.urls import reverse

from innova.intake.models import PaperConsent
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


def test_facilitator_enters_report_with_paper_consent(client, facilitator):
    client.force_login(facilitator)
    theme, upz = Theme.objects.get(slug="salud"), Upz.objects.get(code="61")
    data = {
        "point": "Punto Usme Centro",
        "resident_name": "Doña Rosa",
        "form_number": "0042",
        "title": "No hay medicamentos en la USS",
        "description": "Faltan medicamentos para la presión.",
        "theme": theme.pk,
        "upz": upz.pk,
    }
    refused = client.post(reverse("intake:assisted"), data)
    assert "consentimiento firmado" in refused.content.decode()
    assert not Problem.objects.exists()
    response = client.post(reverse("intake:assisted"), {**data, "paper_consent": "on"}, follow=True)
    problem = Problem.objects.get()
    assert problem.channel == "in_person" and problem.anonymous
    consent = PaperConsent.objects.get(problem=problem)
    assert consent.facilitator == facilitator and consent.resident_name == "Doña Rosa"
    assert problem.reference in response.content.decode()


def test_citizen_cannot_use_assisted_mode(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("intake:assisted")).status_code == 403
    assert client.get(reverse("intake:paper_stack")).status_code == 403


def test_fast_entry_of_a_paper_stack(client, facilitator):
    client.force_login(facilitator)
    theme, upz = Theme.objects.get(slug="ambiente"), Upz.objects.get(code="52")
    data = {
        "point": "Feria de servicios La Flora",
        "f-TOTAL_FORMS": "5",
        "f-INITIAL_FORMS": "0",
        "f-MIN_NUM_FORMS": "0",
        "f-MAX_NUM_FORMS": "20",
    }
    for i in range(3):
        data.update(
            {
                f"f-{i}-form_number": str(100 + i),
                f"f-{i}-title": f"Basuras en la cuadra {i}",
                f"f-{i}-description": "Montones de basura.",
                f"f-{i}-theme": theme.pk,
                f"f-{i}-upz": upz.pk,
            }
        )
    client.post(reverse("intake:paper_stack"), data)
    assert Problem.objects.filter(channel="in_person").count() == 3
    assert PaperConsent.objects.filter(point="Feria de servicios La Flora").count() == 3


def test_paper_form_pdf_and_channel_dashboard(client, official, make_problem):
    response = client.get(reverse("intake:paper_form"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    make_problem()
    client.force_login(official)
    html = client.get(reverse("intake:index")).content.decode()
    assert "Punto de atención presencial" in html and "WhatsApp" in html


def test_the_resident_name_field_says_optional_once(client, facilitator):
    client.force_login(facilitator)
    html = client.get(reverse("intake:assisted")).content.decode()
    assert "(opcional)" in html and "no se publica" in html
    assert "no se publica) <span" not in html and "(opcional, no se publica)" not in html
