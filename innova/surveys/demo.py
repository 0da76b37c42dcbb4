"""Demo survey "Percepción de seguridad en tu barrio" with a few hundred generated answers over the UPZs of Usme.

Idempotent: the survey is found by its slug; answers are generated only when it has none.
"""

import datetime
import random

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from innova.accounts.models import AgeRange, Gender, User
from innova.territory.models import Upz

from . import services
from .models import Kind, Response, Survey

SLUG = "seguridad-en-tu-barrio"
ANSWERS = 320
INCIDENTS = ["Hurto a persona", "Hurto a vivienda", "Riña", "Acoso callejero", "Venta de drogas", "Otro"]
REPORTED = ["Sí", "No", "No sabía cómo"]
ASPECTS = ["Alumbrado público", "Presencia de policía", "Parques", "Paraderos", "Organización comunitaria"]
PRIORITIES = ["Más alumbrado", "Más policía", "Recuperar parques", "Frentes de seguridad", "Cámaras"]
PROPOSALS = [
    "Más luminarias en el camino al colegio.",
    "Que la policía pase por el parque en la noche.",
    "Organizar un frente de seguridad con los vecinos de la cuadra.",
    "Arreglar el alumbrado del paradero del SITP.",
    "Recuperar el parque con actividades para los jóvenes.",
    "Poner cámaras en la entrada del barrio.",
    "Podar los árboles que tapan las luces.",
    "Que la junta de acción comunal convoque reuniones de seguridad.",
]


def _build(author) -> Survey:
    survey = services.survey_create(
        actor=author,
        title="Percepción de seguridad en tu barrio",
        slug=SLUG,
        description=(
            "El Laboratorio de Innovación de Usme quiere entender cómo se siente la gente en su barrio. "
            "Responder toma unos 5 minutos. Sus respuestas son anónimas."
        ),
        published=True,
        results_public=True,
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    q = {}
    s1 = services.section_create(actor=author, survey=survey, title="Su barrio")
    q["upz"] = services.question_create(
        actor=author, section=s1, kind=Kind.UPZ, text="¿En qué UPZ vive?", required=True
    )
    q["years"] = services.question_create(
        actor=author,
        section=s1,
        kind=Kind.NUMBER,
        text="¿Cuántos años lleva viviendo en su barrio?",
        minimum=0,
        maximum=100,
    )
    q["day"] = services.question_create(
        actor=author,
        section=s1,
        kind=Kind.SCALE,
        text="¿Qué tan seguro/a se siente en su barrio de día?",
        required=True,
    )
    q["night"] = services.question_create(actor=author, section=s1, kind=Kind.SCALE, text="¿Y de noche?", required=True)
    q["victim"] = services.question_create(
        actor=author,
        section=s1,
        kind=Kind.SINGLE,
        text="En el último año, ¿fue víctima o testigo de un delito en su barrio?",
        options=["Sí", "No"],
        required=True,
    )
    s2 = services.section_create(
        actor=author, survey=survey, title="Lo que pasó", condition_question=q["victim"], condition_values=[0]
    )
    q["incident"] = services.question_create(
        actor=author,
        section=s2,
        kind=Kind.MULTIPLE,
        text="¿Qué tipo de hecho?",
        options=INCIDENTS,
        minimum=1,
        maximum=3,
        required=True,
        help_text="Elija hasta tres.",
    )
    q["reported"] = services.question_create(
        actor=author, section=s2, kind=Kind.SINGLE, text="¿Lo denunció?", options=REPORTED, required=True
    )
    q["when"] = services.question_create(
        actor=author, section=s2, kind=Kind.DATE, text="¿Cuándo ocurrió el último hecho?"
    )
    s3 = services.section_create(actor=author, survey=survey, title="Su entorno")
    q["aspects"] = services.question_create(
        actor=author, section=s3, kind=Kind.MATRIX, text="Califique de 1 a 5 en su barrio", rows=ASPECTS, maximum=5
    )
    q["priorities"] = services.question_create(
        actor=author,
        section=s3,
        kind=Kind.RANKING,
        text="Ordene estas prioridades (1 = la más importante)",
        options=PRIORITIES,
    )
    q["join"] = services.question_create(
        actor=author,
        section=s3,
        kind=Kind.SCALE,
        text="De 0 a 10, ¿qué tan probable es que participe en un frente de seguridad?",
        minimum=0,
        maximum=10,
    )
    q["idea"] = services.question_create(
        actor=author, section=s3, kind=Kind.LONG_TEXT, text="¿Qué propone para mejorar la seguridad de su barrio?"
    )
    q["sections"] = (s1, s2, s3)
    return survey, q


def load(stdout) -> None:
    survey = Survey.objects.filter(slug=SLUG).first()
    if survey is not None:
        stdout.write("surveys: demo survey already present")
        return
    author = User.objects.get(email="facilitadora@demo.usme.co")
    survey, q = _build(author)
    s1, s2, s3 = q["sections"]
    rng = random.Random(7)  # repeatable demo data, not security  # nosec B311
    upzs = list(Upz.objects.order_by("code"))
    # Some UPZs feel less safe at night: a small bias makes the charts and the cross-tab tell a story.
    risk = {upz.pk: rng.uniform(0.2, 0.55) for upz in upzs}
    anonymous = AnonymousUser()
    today = timezone.localdate()
    for n in range(ANSWERS):
        upz = rng.choice(upzs)
        victim = rng.random() < risk[upz.pk]
        key = f"demo-{n}"

        def save(section, values, key=key):
            return services.response_section_save(
                user=anonymous, survey=survey, respondent_key=key, section=section, values=values
            )

        night = max(1, min(5, round(rng.gauss(2.2 if victim else 3.0, 1))))
        save(
            s1,
            {
                str(q["upz"].pk): upz.pk,
                str(q["years"].pk): float(rng.randint(0, 40)),
                str(q["day"].pk): min(5, night + rng.choice([0, 1, 1, 2])),
                str(q["night"].pk): night,
                str(q["victim"].pk): 0 if victim else 1,
            },
        )
        if victim:
            save(
                s2,
                {
                    str(q["incident"].pk): sorted(rng.sample(range(len(INCIDENTS)), rng.choice([1, 1, 2, 3]))),
                    str(q["reported"].pk): rng.choices(range(3), weights=[3, 5, 2])[0],
                    str(q["when"].pk): (today - datetime.timedelta(days=rng.randint(1, 360))).isoformat(),
                },
            )
        order = rng.sample(range(1, len(PRIORITIES) + 1), len(PRIORITIES))
        response = save(
            s3,
            {
                str(q["aspects"].pk): {str(i): rng.choice([1, 2, 2, 3, 3, 4, 5]) for i in range(len(ASPECTS))},
                str(q["priorities"].pk): {str(i): position for i, position in enumerate(order)},
                str(q["join"].pk): rng.randint(0, 10),
                str(q["idea"].pk): rng.choice(PROPOSALS) if rng.random() < 0.4 else None,
            },
        )
        services.response_submit(user=anonymous, survey=survey, response=response)
    # About half of the respondents shared their optional profile (with its consent): aggregated only.
    ids = list(Response.objects.filter(survey=survey).values_list("pk", flat=True))
    ages, genders = [a for a, _ in AgeRange.choices], [g for g, _ in Gender.choices]
    for pk in rng.sample(ids, len(ids) // 2):
        Response.objects.filter(pk=pk).update(age_range=rng.choice(ages), gender=rng.choice(genders[:2]))
    stdout.write(f"surveys: demo survey with {ANSWERS} answers created")
