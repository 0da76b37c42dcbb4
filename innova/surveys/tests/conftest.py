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
        s1 = services.section_create(actor=author, survey=survey, title="Tu barrio")
        upz_q = services.question_create(
            actor=author, section=s1, kind=Kind.UPZ, text="¿En qué UPZ vive?", required=True
        )
        safe = services.question_create(
            actor=author, section=s1, kind=Kind.SINGLE, text="¿Se siente seguro/a?", options=["Sí", "No"], required=True
        )
        # Shown only to people who answered "No".
        s2 = services.section_create(
            actor=author, survey=survey, title="Inseguridad", condition_question=safe, condition_values=[1]
        )
        places = services.question_create(
            actor=author,
            section=s2,
            kind=Kind.MULTIPLE,
            text="¿Dónde se siente inseguro/a?",
            options=["Parque", "Paradero", "Calle", "Casa"],
            minimum=1,
            maximum=2,
            required=True,
        )
        fear = services.question_create(
            actor=author, section=s2, kind=Kind.SCALE, text="¿Cuánto miedo siente?", minimum=1, maximum=5, required=True
        )
        s3 = services.section_create(actor=author, survey=survey, title="Más detalles")
        matrix = services.question_create(
            actor=author,
            section=s3,
            kind=Kind.MATRIX,
            text="Califique",
            rows=["Alumbrado", "Policía"],
            minimum=0,
            maximum=10,
        )
        ranking = services.question_create(
            actor=author, section=s3, kind=Kind.RANKING, text="Prioridades", options=["Luz", "Policía", "Vías"]
        )
        number = services.question_create(
            actor=author, section=s3, kind=Kind.NUMBER, text="¿Cuántos años lleva en el barrio?", minimum=0, maximum=100
        )
        date = services.question_create(actor=author, section=s3, kind=Kind.DATE, text="¿Cuándo fue el último hecho?")
        comment = services.question_create(actor=author, section=s3, kind=Kind.LONG_TEXT, text="Comentarios")
        # Within a later section, a question conditioned on the first section: only for people who feel safe.
        why_safe = services.question_create(
            actor=author,
            section=s3,
            kind=Kind.SHORT_TEXT,
            text="¿Qué le hace sentir seguro/a?",
            condition_question=safe,
            condition_values=[0],
            required=True,
        )
        return SimpleNamespace(
            survey=survey,
            author=author,
            s1=s1,
            s2=s2,
            s3=s3,
            upz=upz_q,
            safe=safe,
            places=places,
            fear=fear,
            matrix=matrix,
            ranking=ranking,
            number=number,
            date=date,
            comment=comment,
            why_safe=why_safe,
        )

    return make


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
