# ruff: noqa: E501 - the demo rows read best one per line
"""Demo work fronts of Usme, with members, sessions (one in the Auditorio Alcaldía Local de Usme) and problems."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from innova.accounts.models import User
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

from . import services
from .models import Front, Membership

BOGOTA = ZoneInfo("America/Bogota")

# name, theme, UPZ codes, join policy, description, problem titles to link
FRONTS = [
    (
        "Movilidad segura en Usme",
        "movilidad",
        ["61", "57"],
        "open",
        "Vecinos, la Alcaldía Local y contratistas trabajamos en vías, rutas del SITP y paraderos de Usme.",
        [
            "Huecos en la vía a Usme Pueblo",
            "Buses del SITP no entran a El Uval",
            "Paradero sin techo en la Avenida Boyacá",
        ],
    ),
    (
        "Quebradas vivas: Yomasa y Entrenubes",
        "ambiente",
        ["57", "60"],
        "request",
        "Recuperamos las quebradas y el Parque Entrenubes: limpiezas, siembras y control de escombros.",
        ["Basuras acumuladas en la quebrada Yomasa", "Botadero de escombros en Parque Entrenubes"],
    ),
    (
        "Jóvenes y empleo",
        "empleo",
        ["59", "58"],
        "open",
        "Primer empleo, emprendimiento y formación para los jóvenes de Usme.",
        ["Pocas oportunidades de empleo para jóvenes"],
    ),
]


def _at(days: int, hour: int) -> datetime.datetime:
    today = timezone.now().astimezone(BOGOTA).date()
    return datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour), tzinfo=BOGOTA)


def load(stdout) -> None:
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    official = User.objects.get(email="funcionario@demo.usme.co")
    people = list(
        User.objects.filter(
            email__in=["vecina@demo.usme.co", "vecino@demo.usme.co", "joven@demo.usme.co", "contratista@demo.usme.co"]
        )
    )
    created = 0
    for index, (name, theme, upzs, policy, description, problems) in enumerate(FRONTS):
        if Front.objects.filter(name=name).exists():
            continue
        creator = facilitator if index != 1 else official
        front = services.front_create(
            creator=creator,
            name=name,
            theme=Theme.objects.get(slug=theme),
            description=description,
            upzs=Upz.objects.filter(code__in=upzs),
            join_policy=policy,
        )
        if creator != facilitator:
            Membership.objects.create(front=front, user=facilitator, role="coordinator")
        for person in people:
            membership = services.front_join(user=person, front=front)
            if membership.status == "pending" and person.email != "joven@demo.usme.co":
                services.membership_approve(actor=creator, membership=membership)
        for problem in Problem.objects.filter(title__in=problems):
            services.problem_link(actor=creator, front=front, problem=problem)
        past = services.session_create(
            actor=creator,
            front=front,
            title="Primera mesa de trabajo",
            starts_at=_at(-14, 9),
            ends_at=_at(-14, 11),
            place="Auditorio Alcaldía Local de Usme",
        )
        services.minutes_publish(
            actor=creator,
            session=past,
            minutes="Asistieron 18 personas. Se priorizaron tres problemas y se acordó una lluvia de ideas abierta.",
        )
        services.session_create(
            actor=creator,
            front=front,
            title="Lluvia de ideas en el auditorio",
            starts_at=_at(7 + index, 14),
            ends_at=_at(7 + index, 16),
            place="Auditorio Alcaldía Local de Usme",
        )
        created += 1
    stdout.write(f"fronts: {created} demo work fronts created")
