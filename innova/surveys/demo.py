"""Demo surveys, with generated answers over the UPZs of Usme:

- "Percepción de seguridad en su barrio", open, a few hundred answers; its results are public once it closes.
- "¿Cómo se mueve por Usme?", closed last month with public results: what anyone can read without an account.

Idempotent: each survey is found by its slug; answers are generated only when it is created.
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

MOBILITY_SLUG = "como-se-mueve-por-usme"
MOBILITY_ANSWERS = 140
MODES = ["SITP", "TransMilenio (alimentador)", "A pie", "Bicicleta", "Moto", "Carro particular", "Bicitaxi"]
PROBLEMS = ["Huecos en la vía", "Pocas rutas", "Buses llenos", "Inseguridad en paraderos", "Falta de andenes"]
MOBILITY_IDEAS = [
    "Más rutas del SITP hacia Usme Pueblo en la mañana.",
    "Arreglar los huecos de la Avenida Boyacá.",
    "Una ciclorruta segura hasta el portal.",
    "Andenes en el camino a la escuela rural.",
    "Iluminar los paraderos de la Caracas.",
]


def _ask(author, section, kind: str, text: str, **fields):
    return services.question_create(actor=author, section=section, kind=kind, text=text, **fields)


def _build(author) -> Survey:
    survey = services.survey_create(
        actor=author,
        title="Percepción de seguridad en su barrio",
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
    s1 = _neighbourhood_section(author, survey, q)
    s2 = _incident_section(author, survey, q)
    s3 = _surroundings_section(author, survey, q)
    q["sections"] = (s1, s2, s3)
    return survey, q


def _neighbourhood_section(author, survey: Survey, q: dict):
    s1 = services.section_create(actor=author, survey=survey, title="Su barrio")
    q["upz"] = _ask(author, s1, Kind.UPZ, "¿En qué UPZ vive?", required=True)
    q["years"] = _ask(author, s1, Kind.NUMBER, "¿Cuántos años lleva viviendo en su barrio?", minimum=0, maximum=100)
    q["day"] = _ask(author, s1, Kind.SCALE, "¿Qué tan seguro/a se siente en su barrio de día?", required=True)
    q["night"] = _ask(author, s1, Kind.SCALE, "¿Y de noche?", required=True)
    q["victim"] = _ask(
        author,
        s1,
        Kind.SINGLE,
        "En el último año, ¿fue víctima o testigo de un delito en su barrio?",
        options=["Sí", "No"],
        required=True,
    )
    return s1


def _incident_section(author, survey: Survey, q: dict):
    """Shown only to people who were victims or witnesses."""
    s2 = services.section_create(
        actor=author, survey=survey, title="Lo que pasó", condition_question=q["victim"], condition_values=[0]
    )
    q["incident"] = _ask(
        author,
        s2,
        Kind.MULTIPLE,
        "¿Qué tipo de hecho?",
        options=INCIDENTS,
        minimum=1,
        maximum=3,
        required=True,
        help_text="Elija hasta tres.",
    )
    q["reported"] = _ask(author, s2, Kind.SINGLE, "¿Lo denunció?", options=REPORTED, required=True)
    q["when"] = _ask(author, s2, Kind.DATE, "¿Cuándo ocurrió el último hecho?")
    return s2


def _surroundings_section(author, survey: Survey, q: dict):
    s3 = services.section_create(actor=author, survey=survey, title="Su entorno")
    q["aspects"] = _ask(author, s3, Kind.MATRIX, "Califique de 1 a 5 en su barrio", rows=ASPECTS, maximum=5)
    q["priorities"] = _ask(
        author, s3, Kind.RANKING, "Ordene estas prioridades (1 = la más importante)", options=PRIORITIES
    )
    q["join"] = _ask(
        author,
        s3,
        Kind.SCALE,
        "De 0 a 10, ¿qué tan probable es que participe en un frente de seguridad?",
        minimum=0,
        maximum=10,
    )
    q["idea"] = _ask(author, s3, Kind.LONG_TEXT, "¿Qué propone para mejorar la seguridad de su barrio?")
    return s3


def load(stdout) -> None:
    author = User.objects.get(email="facilitadora@demo.usme.co")
    if Survey.objects.filter(slug=SLUG).exists():
        stdout.write("surveys: demo survey already present")
    else:
        _security_load(stdout, author)
    if Survey.objects.filter(slug=MOBILITY_SLUG).exists():
        stdout.write("surveys: closed demo survey already present")
    else:
        _mobility_load(stdout, author)


def _security_load(stdout, author) -> None:
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


def _mobility_load(stdout, author) -> None:
    """A survey that ran last month and closed with public results: the results page any visitor can read."""
    now = timezone.now()
    survey, section, questions = _mobility_build(author, now)
    _mobility_answers(survey, section, questions)
    # It closed two weeks ago: the answers were given while it was open.
    closed = now - datetime.timedelta(days=14)
    answered = closed - datetime.timedelta(days=3)
    Response.objects.filter(survey=survey).update(started_at=answered, submitted_at=answered)
    services.survey_update(actor=author, survey=survey, closes_at=closed)
    stdout.write(f"surveys: closed demo survey with {MOBILITY_ANSWERS} answers and public results created")


def _mobility_build(author, now):
    survey = services.survey_create(
        actor=author,
        title="¿Cómo se mueve por Usme?",
        slug=MOBILITY_SLUG,
        description=(
            "Queremos saber cómo llega al trabajo, al colegio o a la universidad, cuánto tarda y qué le preocupa "
            "del camino, para llevar los resultados a la mesa de movilidad de la localidad. Respuestas anónimas."
        ),
        published=True,
        results_public=True,
        opens_at=now - datetime.timedelta(days=45),
        closes_at=now + datetime.timedelta(days=1),
    )
    section = services.section_create(actor=author, survey=survey, title="Sus viajes")
    questions = {
        "upz": _ask(author, section, Kind.UPZ, "¿En qué UPZ vive?"),
        "mode": _ask(author, section, Kind.SINGLE, "¿Cómo hace su viaje principal?", options=MODES, required=True),
        "minutes": _ask(
            author, section, Kind.NUMBER, "¿Cuántos minutos tarda, solo ida?", minimum=0, maximum=240, required=True
        ),
        "rating": _ask(author, section, Kind.SCALE, "¿Qué tan satisfecho/a está con su viaje?", required=True),
        "problems": _ask(
            author,
            section,
            Kind.MULTIPLE,
            "¿Qué le preocupa del camino?",
            options=PROBLEMS,
            minimum=1,
            maximum=3,
            help_text="Elija hasta tres.",
        ),  # fmt: skip
        "idea": _ask(author, section, Kind.LONG_TEXT, "¿Qué mejoraría primero?"),
    }
    return survey, section, questions


def _mobility_answers(survey: Survey, section, q: dict) -> None:
    rng = random.Random(11)  # repeatable demo data, not security  # nosec B311
    upzs = list(Upz.objects.order_by("code"))
    anonymous = AnonymousUser()
    for n in range(MOBILITY_ANSWERS):
        key = f"demo-movilidad-{n}"
        mode = rng.choices(range(len(MODES)), weights=[9, 5, 4, 2, 3, 1, 1])[0]
        values = {
            str(q["upz"].pk): rng.choice(upzs).pk,
            str(q["mode"].pk): mode,
            str(q["minutes"].pk): float(max(10, round(rng.gauss(35 if mode == 2 else 75, 20)))),
            str(q["rating"].pk): rng.choices([1, 2, 3, 4, 5], weights=[3, 4, 3, 2, 1])[0],
            str(q["problems"].pk): sorted(rng.sample(range(len(PROBLEMS)), rng.choice([1, 2, 3]))),
            str(q["idea"].pk): rng.choice(MOBILITY_IDEAS) if rng.random() < 0.3 else None,
        }
        response = services.response_section_save(
            user=anonymous, survey=survey, respondent_key=key, section=section, values=values
        )
        services.response_submit(user=anonymous, survey=survey, response=response)
