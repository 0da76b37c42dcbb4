from types import SimpleNamespace

import pytest
from django.urls import reverse

from innova.surveys import services
from innova.surveys.models import Kind


@pytest.fixture
def make_survey(db, make_user):
    """make_survey(**settings): a published survey built through the services, with every question type and
    conditions. Returns a namespace with the survey, its sections and questions by name."""

    def make(author=None, slug="seguridad", **settings):
        author = author or make_user("facilitator")
        settings.setdefault("published", True)
        survey = services.survey_create(actor=author, title="Percepción de seguridad", slug=slug, **settings)
        s = SimpleNamespace(survey=survey, author=author)
        _neighbourhood_section(s)
        _insecurity_section(s)
        _details_section(s)
        return s

    return make


def _ask(s, section, kind: str, text: str, **fields):
    return services.question_create(actor=s.author, section=section, kind=kind, text=text, **fields)


def _neighbourhood_section(s) -> None:
    s.s1 = services.section_create(actor=s.author, survey=s.survey, title="Tu barrio")
    s.upz = _ask(s, s.s1, Kind.UPZ, "¿En qué UPZ vive?", required=True)
    s.safe = _ask(s, s.s1, Kind.SINGLE, "¿Se siente seguro/a?", options=["Sí", "No"], required=True)


def _insecurity_section(s) -> None:
    """Shown only to people who answered "No"."""
    s.s2 = services.section_create(
        actor=s.author, survey=s.survey, title="Inseguridad", condition_question=s.safe, condition_values=[1]
    )
    s.places = _ask(
        s,
        s.s2,
        Kind.MULTIPLE,
        "¿Dónde se siente inseguro/a?",
        options=["Parque", "Paradero", "Calle", "Casa"],
        minimum=1,
        maximum=2,
        required=True,
    )
    s.fear = _ask(s, s.s2, Kind.SCALE, "¿Cuánto miedo siente?", minimum=1, maximum=5, required=True)


def _details_section(s) -> None:
    s.s3 = services.section_create(actor=s.author, survey=s.survey, title="Más detalles")
    s.matrix = _ask(s, s.s3, Kind.MATRIX, "Califique", rows=["Alumbrado", "Policía"], minimum=0, maximum=10)
    s.ranking = _ask(s, s.s3, Kind.RANKING, "Prioridades", options=["Luz", "Policía", "Vías"])
    s.number = _ask(s, s.s3, Kind.NUMBER, "¿Cuántos años lleva en el barrio?", minimum=0, maximum=100)
    s.date = _ask(s, s.s3, Kind.DATE, "¿Cuándo fue el último hecho?")
    s.comment = _ask(s, s.s3, Kind.LONG_TEXT, "Comentarios")
    # Within a later section, a question conditioned on the first section: only for people who feel safe.
    s.why_safe = _ask(
        s,
        s.s3,
        Kind.SHORT_TEXT,
        "¿Qué le hace sentir seguro/a?",
        condition_question=s.safe,
        condition_values=[0],
        required=True,
    )


@pytest.fixture
def answer_through_pages():
    """answer_through_pages(client, s, feels_safe=…): answer every visible section with the test client."""

    def run(client, s, *, feels_safe: bool, upz_pk: int, comment: str = "", fear: int = 4):
        url = reverse("surveys:answer", args=[s.survey.slug])
        client.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz_pk, f"q{s.safe.pk}": 0 if feels_safe else 1})
        if not feels_safe:
            client.post(url, {"seccion": s.s2.pk, f"q{s.places.pk}": [0, 2], f"q{s.fear.pk}": fear})
        last = {"seccion": s.s3.pk, f"q{s.comment.pk}": comment, f"q{s.number.pk}": "12"}
        if feels_safe:
            last[f"q{s.why_safe.pk}"] = "Los vecinos"
        return client.post(url, last)

    return run
