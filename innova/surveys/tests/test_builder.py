import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.surveys import services
from innova.surveys.models import Kind, Question, Section, Survey

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,allowed",
    [
        ("citizen", False),
        ("unverified_official", False),
        ("contractor", False),
        ("official", False),
        ("facilitator", True),
        ("administrator", True),
    ],
)
def test_who_may_build_surveys(request, role, allowed):
    actor = request.getfixturevalue(role)
    if allowed:
        survey = services.survey_create(actor=actor, title="Movilidad", slug="movilidad")
        services.section_create(actor=actor, survey=survey, title="Uno")
        assert Survey.objects.filter(slug="movilidad").exists()
    else:
        with pytest.raises(PermissionDenied):
            services.survey_create(actor=actor, title="Movilidad", slug="movilidad")


def test_build_a_survey_through_the_pages_without_javascript(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("surveys:survey_new"), {"title": "Parques", "slug": "parques", "access": "everyone", "published": "on"}
    )
    survey = Survey.objects.get(slug="parques")
    assert response.url == reverse("surveys:builder", args=[survey.pk])
    client.post(reverse("surveys:section_new", args=[survey.pk]), {"title": "Uso"})
    section = survey.sections.get()
    url = reverse("surveys:question_new", args=[section.pk])
    # Bad input comes back in Spanish with what was typed.
    html = client.post(url, {"kind": "single", "text": "¿Usa el parque?", "options": "Sí"}).content.decode()
    assert "Escriba al menos dos opciones" in html and "¿Usa el parque?" in html
    client.post(url, {"kind": "single", "text": "¿Usa el parque?", "options": "Sí\nNo\n", "required": "on"})
    client.post(url, {"kind": "scale", "text": "¿Qué tan limpio está?", "scale": "10"})
    first, second = Question.objects.filter(section=section).order_by("order")
    assert first.options == ["Sí", "No"] and first.required and second.scale_points == list(range(11))
    # A second section shown only to people who use the park.
    client.post(reverse("surveys:section_new", args=[survey.pk]), {"title": "Detalle", "condition": [f"{first.pk}:0"]})
    later = survey.sections.get(title="Detalle")
    assert later.condition_question == first and later.condition_values == [0]
    # Reorder with plain POSTs (the htmx version posts the same form).
    client.post(reverse("surveys:question_move", args=[second.pk]), {"direction": "up"})
    assert list(section.questions.order_by("order").values_list("pk", flat=True)) == [second.pk, first.pk]
    client.post(reverse("surveys:section_new", args=[survey.pk]), {"title": "Cierre"})
    closing = survey.sections.get(title="Cierre")
    client.post(reverse("surveys:section_move", args=[closing.pk]), {"direction": "up"})
    assert list(survey.sections.values_list("title", flat=True)) == ["Uso", "Cierre", "Detalle"]
    # A section cannot move before the question its condition depends on.
    client.post(reverse("surveys:section_move", args=[later.pk]), {"direction": "up"})
    refused = client.post(reverse("surveys:section_move", args=[later.pk]), {"direction": "up"}, follow=True)
    assert "pondría una condición antes" in refused.content.decode()
    assert list(survey.sections.values_list("title", flat=True)) == ["Uso", "Detalle", "Cierre"]
    html = client.get(reverse("surveys:builder", args=[survey.pk])).content.decode()
    assert "Condicional" in html and 'hx-select="#builder"' in html
    preview = client.get(reverse("surveys:preview", args=[survey.pk])).content.decode()
    assert "¿Qué tan limpio está?" in preview and 'value="10"' in preview


def test_conditions_must_look_at_an_earlier_section(make_survey):
    s = make_survey()
    with pytest.raises(ValidationError):  # same section
        services.question_create(
            actor=s.author,
            section=s.s1,
            kind=Kind.SHORT_TEXT,
            text="x",
            condition_question=s.safe,
            condition_values=[1],
        )
    with pytest.raises(ValidationError):  # text questions cannot drive a condition
        services.section_create(
            actor=s.author, survey=s.survey, title="x", condition_question=s.comment, condition_values=[0]
        )
    with pytest.raises(ValidationError):  # no answers chosen
        services.section_create(
            actor=s.author, survey=s.survey, title="x", condition_question=s.safe, condition_values=[]
        )


@pytest.mark.parametrize(
    "kind,extra",
    [
        ("multiple", {"options": ["a", "b"], "minimum": 3}),
        ("multiple", {"options": ["a", "b", "c"], "minimum": 2, "maximum": 1}),
        ("matrix", {"rows": []}),
        ("ranking", {"options": ["solo"]}),
        ("number", {"minimum": 10, "maximum": 1}),
    ],
)
def test_question_settings_are_validated(make_survey, kind, extra):
    s = make_survey()
    with pytest.raises(ValidationError):
        services.question_create(actor=s.author, section=s.s3, kind=kind, text="x", **extra)


def test_builder_pages_refuse_citizens(client, citizen, make_survey):
    s = make_survey()
    client.force_login(citizen)
    assert client.get(reverse("surveys:builder", args=[s.survey.pk])).status_code == 403
    assert client.post(reverse("surveys:question_delete", args=[s.comment.pk])).status_code == 403
    assert Question.objects.filter(pk=s.comment.pk).exists()


def test_edit_and_delete(client, facilitator, make_survey):
    s = make_survey(author=facilitator)
    client.force_login(facilitator)
    url = reverse("surveys:question_edit", args=[s.places.pk])
    assert "Parque" in client.get(url).content.decode()
    client.post(url, {"kind": "multiple", "text": "¿Dónde?", "options": "Parque\nCalle", "maximum": "1"})
    s.places.refresh_from_db()
    assert s.places.text == "¿Dónde?" and s.places.maximum == 1
    client.post(reverse("surveys:section_delete", args=[s.s2.pk]))
    assert not Section.objects.filter(pk=s.s2.pk).exists() and not Question.objects.filter(pk=s.fear.pk).exists()
    html = client.post(
        reverse("surveys:survey_settings", args=[s.survey.pk]),
        {"title": "X", "slug": "seguridad", "access": "front"},
    ).content.decode()
    assert "Escriba el número del frente de trabajo." in html
