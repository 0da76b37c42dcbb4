# ruff: noqa: E501 - the demo rows read best one per line
"""Demo opinion map: a debate of Usme with 25 statements and 120 participants who vote in three blocs."""

import random

from django.contrib.auth.models import AnonymousUser

from innova.accounts.models import User
from innova.debates import services as debate_services
from innova.debates.models import Debate

from . import services
from .models import Participant, Statement

TITLE = "¿Cómo debe crecer el borde urbano-rural de Usme?"
CONTEXT = (
    "La ciudad crece hacia las veredas de Usme. Entre vivienda, empleo, agua y campo, ¿qué debemos priorizar? "
    "Vote las frases una a una y mire en qué estamos de acuerdo."
)
# Three blocs of opinion: urban development (A), rural and water protection (B), young people focused on jobs,
# security and mobility (C). Each statement: text, and the chance that someone of each bloc agrees with it.
STATEMENTS = [
    ("Se necesita más vivienda de interés social en Usme.", (0.95, 0.2, 0.4)),
    ("Las veredas de Usme no se deben urbanizar.", (0.1, 0.95, 0.4)),
    ("Hay que proteger el páramo de Sumapaz y el agua del río Tunjuelo.", (0.8, 0.98, 0.85)),
    ("Los nuevos barrios deben llegar con colegio, jardín y centro de salud.", (0.9, 0.85, 0.9)),
    ("Los campesinos deben recibir apoyo para vender sin intermediarios.", (0.5, 0.95, 0.6)),
    ("Construir en el borde urbano trae empleo a la localidad.", (0.9, 0.1, 0.5)),
    ("El relleno Doña Juana debe cerrarse cuanto antes.", (0.85, 0.9, 0.8)),
    ("Prefiero conservar la ruralidad aunque haya menos vivienda.", (0.1, 0.9, 0.3)),
    ("Las constructoras deben pagar por los daños ambientales.", (0.4, 0.95, 0.6)),
    ("La vía al Llano necesita ampliarse ya.", (0.6, 0.2, 0.95)),
    ("TransMilenio debe llegar hasta Usme Pueblo.", (0.5, 0.3, 0.95)),
    ("Necesitamos más policía en los parques de noche.", (0.25, 0.2, 0.95)),
    ("Los jóvenes necesitan primer empleo antes que más vivienda.", (0.1, 0.5, 0.95)),
    ("Las huertas urbanas deberían tener apoyo de la Alcaldía.", (0.5, 0.9, 0.5)),
    ("El turismo rural puede ser una fuente de empleo.", (0.5, 0.85, 0.8)),
    ("Las quebradas deben limpiarse con las juntas de acción comunal.", (0.85, 0.9, 0.85)),
    ("La minería en Usme debe prohibirse.", (0.2, 0.9, 0.5)),
    ("Es mejor construir en altura que extender la ciudad.", (0.7, 0.75, 0.6)),
    ("Los arriendos en Usme están demasiado caros.", (0.8, 0.6, 0.9)),
    ("Las decisiones sobre el territorio deben consultarse con las veredas.", (0.5, 0.98, 0.7)),
    ("Los centros comerciales traen desarrollo.", (0.85, 0.1, 0.7)),
    ("Faltan escenarios deportivos y culturales para los jóvenes.", (0.4, 0.5, 0.95)),
    ("El Plan de Ordenamiento Territorial favorece a las constructoras.", (0.2, 0.9, 0.5)),
    ("Hay que reforestar las rondas de los ríos.", (0.7, 0.95, 0.75)),
    ("La seguridad es el problema más grave de Usme.", (0.25, 0.3, 0.95)),
]
PENDING = [
    "Deberían hacer ferias campesinas cada mes en el Portal Usme.",
    "Los buses del SITP no alcanzan para tanta gente en la mañana.",
]
BLOC_SIZES = (45, 40, 35)


def load(stdout) -> None:
    if Debate.objects.filter(title=TITLE).exists():
        stdout.write("opinions: demo debate already present")
        return
    rng = random.Random(11)  # repeatable demo data, not security  # nosec B311
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    debate = debate_services.debate_create(
        author=facilitator, title=TITLE, context=CONTEXT, has_opinion_map=True, allow_anonymous_opinions=True
    )
    statements = [
        services.statement_submit(user=facilitator, debate=debate, text=text) for text, _chances in STATEMENTS
    ]
    citizen = User.objects.filter(email="vecina@demo.usme.co").first()
    for text in PENDING:
        if citizen is not None:
            participant = services.participant_get_or_create(debate=debate, user=citizen)
            services.statement_submit(user=citizen, debate=debate, text=text, participant=participant)
    anonymous = AnonymousUser()
    n = 0
    for bloc, size in enumerate(BLOC_SIZES):
        for _person in range(size):
            n += 1
            participant = services.participant_get_or_create(
                debate=debate, user=anonymous, anonymous_key=f"demo:{n:03d}"
            )
            seen = rng.sample(range(len(statements)), rng.randint(10, len(statements)))
            for index in seen:
                agree = STATEMENTS[index][1][bloc]
                draw = rng.random()
                value = 0 if draw < 0.08 else (1 if rng.random() < agree else -1)
                services.vote_cast(
                    user=anonymous, participant=participant, statement=statements[index], value=value, recompute=False
                )
    services.opinion_map_recompute(debate=debate)
    stdout.write(
        f"opinions: demo debate with {Statement.objects.filter(debate=debate).count()} statements and "
        f"{Participant.objects.filter(debate=debate).count()} participants, map computed"
    )
