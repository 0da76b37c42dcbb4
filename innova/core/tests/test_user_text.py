"""Bidirectional control characters and NUL never reach the database, whatever the channel (issue #18.18)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from innova.comments.models import Comment
from innova.core.text import clean_user_text
from innova.problems.models import Problem

pytestmark = pytest.mark.django_db

# "Factura.exe" written backwards with a right-to-left override reads as "Factura" + "exe.pdf" to a person.
HOSTILE = "Vea \u202eexe.pdf\u202c el \u2066hueco\u2069 \u200fde\u200e la\x00 vía"
CLEAN = "Vea exe.pdf el hueco de la vía"


def test_clean_user_text_strips_bidi_controls_and_nul_but_keeps_spanish_and_emoji():
    assert clean_user_text(HOSTILE) == CLEAN
    assert clean_user_text("Ñandú 👩‍👧 árbol\nlínea") == "Ñandú 👩‍👧 árbol\nlínea"


def test_hardening_18_bidi_controls_are_stripped_from_web_and_api_comments(client, citizen, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    content_type = ContentType.objects.get_for_model(Problem)
    client.post(reverse("comments:comment_create", args=[content_type.pk, problem.pk]), {"body": HOSTILE})
    response = client.post(
        f"/api/v1/problems/{problem.pk}/comments/", {"body": HOSTILE + " (API)"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert sorted(Comment.objects.values_list("body", flat=True)) == [CLEAN, CLEAN + " (API)"]


@pytest.mark.django_db(transaction=True)
def test_hardening_18_bidi_controls_are_stripped_from_sms_reports(client, settings):
    from innova.intake.tests.test_channels import SMS_TOKEN, sms

    settings.INNOVA_SMS_AUTH_TOKEN = SMS_TOKEN
    settings.INNOVA_SMS_BACKEND = "innova.intake.providers.MemoryBackend"
    sms(client, "Hola", "SM1")
    sms(client, "si", "SM2")
    sms(client, HOSTILE + " frente al colegio", "SM3")
    sms(client, "Barrio Santa Librada", "SM4")
    sms(client, "no", "SM5")
    problem = Problem.objects.get()
    assert CLEAN + " frente al colegio" in problem.description
    assert "\u202e" not in problem.title and "\x00" not in problem.title
