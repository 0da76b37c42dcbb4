# ruff: noqa: E501 - the demo rows read best one per line
"""Demo problems of Usme: 34 realistic reports across the UPZs, with supports, answers and statuses."""

import random

from innova.accounts.models import User
from innova.core.roles import Role
from innova.territory.models import Upz

from . import services
from .models import Problem, Status, Theme

# title, description, theme slug, UPZ code, (lat, lon) or None, supporters, final status, official answer
PROBLEMS = [
    (
        "Huecos en la vía a Usme Pueblo",
        "Entre el Portal Usme y Usme Pueblo la vía tiene huecos profundos; los buses frenan en seco y ya hubo dos accidentes de motos.",
        "movilidad",
        "61",
        (4.468, -74.128),
        58,
        Status.IN_PROGRESS,
        "La Alcaldía Local incluyó el tramo en el plan de malla vial 2027; la UMV hará parcheo de emergencia en diciembre.",
    ),
    (
        "Falta de alumbrado en el parque de Santa Librada",
        "De noche el parque queda oscuro y ya no se puede cruzar; han robado a varios estudiantes.",
        "seguridad",
        "57",
        (4.522, -74.118),
        41,
        Status.VALIDATED,
        "Se solicitó a Enel la revisión de las 8 luminarias del parque. Seguimiento en la mesa de seguridad.",
    ),
    (
        "Basuras acumuladas en la quebrada Yomasa",
        "La quebrada recibe escombros y bolsas de basura, huele mal y aparecen ratas.",
        "ambiente",
        "57",
        (4.5226, -74.1132),
        37,
        Status.ASSIGNED,
        None,
    ),
    (
        "Andenes rotos frente al colegio Chuniza",
        "Los niños caminan por la calle porque el andén está destruido.",
        "espacio-publico",
        "58",
        (4.5019, -74.1116),
        22,
        Status.IN_REVIEW,
        None,
    ),
    (
        "Demoras para citas en la USS Usme",
        "Conseguir una cita de medicina general toma más de tres semanas.",
        "salud",
        "61",
        (4.474, -74.131),
        64,
        Status.VALIDATED,
        "La Subred Sur abrirá una jornada de agendamiento presencial los sábados desde enero.",
    ),
    (
        "No hay ruta escolar para la vereda Olarte",
        "Los niños de Olarte caminan más de una hora para llegar al colegio.",
        "educacion",
        "RURAL",
        (4.3234, -74.1629),
        19,
        Status.REPORTED,
        None,
    ),
    (
        "Pocas oportunidades de empleo para jóvenes",
        "Los jóvenes de Usme terminan el bachillerato y no encuentran primer empleo.",
        "empleo",
        "59",
        None,
        45,
        Status.IN_REVIEW,
        None,
    ),
    (
        "Cancha de La Aurora sin mantenimiento",
        "La cancha sintética está rota y los arcos oxidados.",
        "cultura-y-deporte",
        "58",
        (4.503, -74.1118),
        15,
        Status.REPORTED,
        None,
    ),
    (
        "Cortes de agua frecuentes en El Virrey",
        "Cada semana se va el agua dos o tres días sin aviso.",
        "servicios-publicos",
        "56",
        (4.5351, -74.1184),
        33,
        Status.VALIDATED,
        "La EAAB reporta obras en la red matriz; se pidió publicar los horarios de cortes.",
    ),
    (
        "Ruido y peleas en la zona de bares de Betania",
        "Los fines de semana hay riñas hasta las 4 de la mañana.",
        "convivencia",
        "57",
        (4.518, -74.116),
        12,
        Status.REPORTED,
        None,
    ),
    (
        "Paradero sin techo en la Avenida Boyacá",
        "Los adultos mayores esperan el SITP bajo la lluvia.",
        "movilidad",
        "59",
        (4.4908, -74.1002),
        9,
        Status.REPORTED,
        None,
    ),
    (
        "Perros callejeros en Monteblanco",
        "Hay jaurías que atacan a los niños al salir del colegio.",
        "convivencia",
        "61",
        (4.4728, -74.1184),
        26,
        Status.VALIDATED,
        None,
    ),
    (
        "Deslizamiento en la ladera de La Flora",
        "Con las lluvias la tierra se está bajando hacia las casas.",
        "ambiente",
        "52",
        (4.5168, -74.0917),
        31,
        Status.IN_PROGRESS,
        "El IDIGER visitó el sector; se instalarán trinchos y se evaluará el reasentamiento de dos familias.",
    ),
    (
        "Inseguridad en el puente peatonal de Yomasa",
        "Roban celulares en el puente a toda hora.",
        "seguridad",
        "57",
        (4.526, -74.114),
        52,
        Status.VALIDATED,
        "La Policía reforzará el cuadrante y la Alcaldía instalará dos cámaras.",
    ),
    (
        "Vía destapada en la vereda Los Soches",
        "El camino se vuelve barro y los productores no pueden sacar la cosecha.",
        "movilidad",
        "RURAL",
        (4.3203, -74.182),
        14,
        Status.REPORTED,
        None,
    ),
    (
        "Falta de jardín infantil en Alfonso López",
        "Las madres trabajadoras no tienen dónde dejar a sus hijos.",
        "educacion",
        "59",
        (4.4948, -74.1055),
        21,
        Status.IN_REVIEW,
        None,
    ),
    (
        "Árboles a punto de caer en Danubio",
        "Dos eucaliptos muy altos están inclinados sobre las casas.",
        "ambiente",
        "56",
        (4.544, -74.122),
        17,
        Status.RESOLVED,
        "El Jardín Botánico talló los dos eucaliptos y sembrará especies nativas.",
    ),
    (
        "Salón comunal cerrado en Comuneros",
        "El salón comunal lleva un año cerrado y no hay dónde reunirse.",
        "cultura-y-deporte",
        "58",
        (4.4992, -74.1138),
        8,
        Status.REPORTED,
        None,
    ),
    (
        "Semáforo dañado en la entrada a Usme Centro",
        "El semáforo lleva un mes apagado y los carros no paran.",
        "movilidad",
        "61",
        (4.476, -74.126),
        29,
        Status.RESOLVED,
        "La Secretaría de Movilidad reparó el semáforo el 3 de noviembre.",
    ),
    (
        "Contaminación por la planta de asfalto",
        "El humo de la planta llega a las casas de Chuniza.",
        "ambiente",
        "58",
        (4.5022, -74.1149),
        20,
        Status.IN_REVIEW,
        None,
    ),
    (
        "Escaleras peligrosas en el barrio La Marichuela",
        "Las escaleras no tienen baranda y los adultos mayores se caen.",
        "espacio-publico",
        "59",
        (4.4881, -74.1036),
        11,
        Status.REPORTED,
        None,
    ),
    (
        "Falta de señal de internet en El Destino",
        "En la vereda no hay señal y los niños no pueden hacer tareas.",
        "servicios-publicos",
        "RURAL",
        (4.320, -74.160),
        16,
        Status.REPORTED,
        None,
    ),
    (
        "Consumo de drogas en el parque de Gran Yomasa",
        "En las tardes el parque se llena de consumo y los niños no pueden jugar.",
        "seguridad",
        "57",
        (4.5156, -74.118),
        34,
        Status.IN_REVIEW,
        None,
    ),
    (
        "Botadero de escombros en Parque Entrenubes",
        "Llegan volquetas de noche a botar escombros dentro del parque.",
        "ambiente",
        "60",
        (4.5228, -74.0994),
        27,
        Status.VALIDATED,
        None,
    ),
    (
        "No hay farmacia de turno en Ciudad Usme",
        "De noche hay que ir hasta el Tunal para comprar un medicamento.",
        "salud",
        "61",
        None,
        13,
        Status.REPORTED,
        None,
    ),
    (
        "Buses del SITP no entran a El Uval",
        "La ruta dejó de subir y hay que caminar 20 minutos.",
        "movilidad",
        "61",
        (4.4742, -74.1154),
        23,
        Status.VALIDATED,
        None,
    ),
    (
        "Alcantarillas sin tapa en Santa Librada",
        "Hay tres alcantarillas destapadas donde ya se cayó un niño.",
        "servicios-publicos",
        "57",
        (4.524, -74.120),
        30,
        Status.IN_PROGRESS,
        "La EAAB programó la reposición de tapas para esta semana.",
    ),
    (
        "Falta de cupos en el colegio Miguel de Cervantes",
        "Muchos niños del barrio quedaron sin cupo este año.",
        "educacion",
        "58",
        (4.4971, -74.1179),
        18,
        Status.REPORTED,
        None,
    ),
    (
        "Muros con grafitis ofensivos en La Flora",
        "Hay mensajes de odio pintados en los muros del colegio.",
        "convivencia",
        "52",
        (4.5094, -74.0897),
        5,
        Status.REJECTED,
        None,
    ),
    (
        "Taller de capacitación en emprendimiento",
        "Pedimos talleres para mujeres emprendedoras de Danubio.",
        "empleo",
        "56",
        None,
        12,
        Status.REPORTED,
        None,
    ),
    (
        "Poca iluminación en la vía al Llano",
        "El tramo de la vía al Llano frente a La Flora está a oscuras.",
        "seguridad",
        "52",
        (4.5161, -74.0936),
        19,
        Status.REPORTED,
        None,
    ),
    (
        "Caño con malos olores en Alfonso López",
        "El caño abierto huele muy mal en verano.",
        "ambiente",
        "59",
        (4.4894, -74.1081),
        10,
        Status.REPORTED,
        None,
    ),
    (
        "Biblioteca comunitaria sin libros nuevos",
        "La biblioteca de Usme Pueblo necesita libros y computadores.",
        "cultura-y-deporte",
        "61",
        (4.470, -74.126),
        7,
        Status.REPORTED,
        None,
    ),
    (
        "Huecos en la calle principal de Danubio",
        "La carrera principal de Danubio tiene huecos que dañan los carros.",
        "movilidad",
        "56",
        (4.5356, -74.1173),
        25,
        Status.REPORTED,
        None,
    ),
]

WORKFLOW_PATH = {
    Status.REPORTED: [],
    Status.IN_REVIEW: [Status.IN_REVIEW],
    Status.VALIDATED: [Status.IN_REVIEW, Status.VALIDATED],
    Status.ASSIGNED: [Status.IN_REVIEW, Status.VALIDATED, Status.ASSIGNED],
    Status.IN_PROGRESS: [Status.IN_REVIEW, Status.VALIDATED, Status.IN_PROGRESS],
    Status.RESOLVED: [Status.IN_REVIEW, Status.VALIDATED, Status.IN_PROGRESS, Status.RESOLVED],
    Status.REJECTED: [Status.IN_REVIEW, Status.REJECTED],
}


def _supporters(count: int) -> list[User]:
    users = []
    for n in range(1, count + 1):
        user, created = User.objects.get_or_create(
            email=f"vecino{n:03d}@demo.usme.co", defaults={"display_name": f"Vecino/a {n}", "role": Role.CITIZEN}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    return users


def load(stdout) -> None:
    created = 0
    rng = random.Random(5)  # repeatable demo data, not security  # nosec B311
    crowd = _supporters(70)
    authors = list(User.objects.filter(email__in=["vecina@demo.usme.co", "vecino@demo.usme.co", "joven@demo.usme.co"]))
    official = User.objects.get(email="funcionario@demo.usme.co")
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    for index, (title, description, theme, upz, point, supporters, status, answer) in enumerate(PROBLEMS):
        if Problem.objects.filter(title=title).exists():
            continue
        author = official if index == 6 else authors[index % len(authors)]
        problem = services.problem_report(
            author=author,
            title=title,
            description=description,
            theme=Theme.objects.get(slug=theme),
            upz=Upz.objects.get(code=upz),
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            anonymous=index % 5 == 4,
        )
        for user in rng.sample(crowd, min(supporters, len(crowd))):
            services.problem_support_set(user=user, problem=problem, supported=True)
        for step in WORKFLOW_PATH[status]:
            reason = "Contenido ofensivo; no describe un problema de la localidad." if step == Status.REJECTED else ""
            services.problem_change_status(actor=facilitator, problem=problem, to_status=step, reason=reason)
        if answer:
            services.problem_answer(actor=official, problem=problem, body=answer)
        created += 1
    stdout.write(f"problems: {created} demo problems created")
