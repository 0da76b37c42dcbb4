"""Demo agenda: the launch of Usme Innova (16 de agosto de 2026, past, with attendance) and upcoming workshops."""

import datetime
import zoneinfo

from django.utils import timezone

from innova.accounts.models import User
from innova.territory.models import Upz

from . import services
from .models import Event, Kind, Registration

BOGOTA = zoneinfo.ZoneInfo("America/Bogota")
LAUNCH_TITLE = "Lanzamiento del Laboratorio de Innovación Pública Usme Innova"

# title, kind, days from today, hour, hours long, place, UPZ code, capacity, questions
UPCOMING = [
    (
        "Taller: cartografía social de los problemas del barrio",
        Kind.WORKSHOP,
        6,
        9,
        3,
        "Salón comunal de La Flora",
        "52",
        25,
        ["¿Necesita intérprete de lengua de señas?"],
    ),
    (
        "Espacio de cocreación: movilidad en la vía a Usme Pueblo",
        Kind.COCREATION,
        10,
        14,
        3,
        "Casa de la Cultura de Usme",
        "61",
        40,
        ["¿Necesita intérprete de lengua de señas?", "¿Viene con niñas o niños que necesiten cuidado?"],
    ),
    (
        "Taller: cómo escribir una propuesta que la Alcaldía pueda ejecutar",
        Kind.WORKSHOP,
        17,
        15,
        2,
        "Biblioteca Pública La Marichuela",
        "57",
        20,
        [],
    ),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BOGOTA)


def load(stdout) -> None:
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    created = 0
    if not Event.objects.filter(title=LAUNCH_TITLE).exists():
        start = datetime.datetime(2026, 8, 16, 14, 0, tzinfo=BOGOTA)
        launch = Event.objects.create(
            kind=Kind.PUBLIC_EVENT,
            title=LAUNCH_TITLE,
            description=(
                "Presentación pública del laboratorio: qué es, cómo participar y los primeros frentes de trabajo. "
                "Todas y todos están invitados."
            ),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            place_name="Auditorio de la Alcaldía Local de Usme",
            upz=Upz.objects.filter(code="61").first(),
            capacity=150,
            organiser=facilitator,
            accessibility_notes="Auditorio en primer piso, con rampa. Habrá intérprete de lengua de señas.",
        )
        services.event_search_update(event=launch)
        # History: the event is over, so its registrations are written as they were (the service refuses past events).
        people = list(User.objects.filter(email__endswith="@demo.usme.co").order_by("pk")[:60])
        for n, person in enumerate(people):
            Registration.objects.create(
                event=launch,
                user=person,
                checked_in_at=start + datetime.timedelta(minutes=n % 40) if n % 5 else None,
                checked_in_by=facilitator if n % 5 else None,
            )
        for name in ("Doña Carmen (Chuniza)", "Julián, Junta de Acción Comunal Alfonso López"):
            Registration.objects.create(
                event=launch, name=name, walk_in=True, checked_in_at=start, checked_in_by=facilitator
            )
        Event.objects.filter(pk=launch.pk).update(registered_count=len(people))
        created += 1
    today = timezone.localdate()
    for title, kind, days, hour, hours, place, upz, capacity, questions in UPCOMING:
        if Event.objects.filter(title=title).exists():
            continue
        start = _at(today + datetime.timedelta(days=days), hour)
        event = services.event_create(
            actor=facilitator,
            questions=questions,
            kind=kind,
            title=title,
            description="Actividad abierta del laboratorio. Traiga sus ideas; no se necesita experiencia.",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            place_name=place,
            upz=Upz.objects.get(code=upz),
            capacity=capacity,
            accessibility_notes="Lugar accesible en silla de ruedas.",
        )
        for person in User.objects.filter(email__in=["vecina@demo.usme.co", "joven@demo.usme.co"]):
            services.registration_create(event=event, user=person)
        created += 1
    stdout.write(f"agenda: {created} demo events created")
