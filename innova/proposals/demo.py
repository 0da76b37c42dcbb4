# ruff: noqa: E501 - the demo rows read best one per line
"""Demo proposals of Usme, each answering demo problems, at every stage of the lifecycle; and a few ideas."""

import random

from innova.accounts.models import User
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

from . import services
from .models import Idea, IdeaStatus, Origin, Proposal, Status

# title, summary, solution, impact, problem titles, UPZ codes, groups, cost, final status, supporters, reasons
PROPOSALS = [
    (
        "Senderos iluminados en el parque de Santa Librada",
        "Luminarias solares en los tres senderos del parque y una ronda de vigías de la junta de acción comunal.",
        "Instalar 24 luminarias solares con sensor, podar los árboles que tapan la luz y acordar con la JAC una ronda los viernes y sábados.",
        "Que los estudiantes puedan cruzar el parque de noche y bajen los robos.",
        ["Falta de alumbrado en el parque de Santa Librada", "Inseguridad en el puente peatonal de Yomasa"],
        ["57"],
        "Estudiantes, mujeres que vuelven del trabajo de noche",
        96_000_000,
        Status.VIABLE,
        34,
        {
            Status.IN_STUDY: "La Alcaldía Local revisa costos con Enel.",
            Status.VIABLE: "Es viable: cabe en el presupuesto participativo 2027.",
        },
    ),
    (
        "Puntos limpios comunitarios en la quebrada Yomasa",
        "Tres puntos de reciclaje vigilados por la comunidad y jornadas mensuales de limpieza de la ronda.",
        "Ubicar tres puntos limpios con horario, formar 12 gestores ambientales del barrio y hacer una jornada mensual con el colegio.",
        "Menos basura en la quebrada, menos ratas y malos olores.",
        ["Basuras acumuladas en la quebrada Yomasa"],
        ["57"],
        "Familias vecinas de la quebrada, recicladores",
        38_000_000,
        Status.PROTOTYPE,
        27,
        {
            Status.IN_STUDY: "En estudio con la UAESP.",
            Status.VIABLE: "Viable con apoyo de la UAESP.",
            Status.PROTOTYPE: "Piloto de un punto limpio durante tres meses.",
        },
    ),
    (
        "Camino escolar seguro al colegio Chuniza",
        "Reparar el andén y pintar un camino escolar con reductores de velocidad frente al colegio.",
        "Reconstruir 200 metros de andén, pintar el camino escolar con los niños y pedir dos reductores de velocidad.",
        "Que los niños no caminen por la calle.",
        ["Andenes rotos frente al colegio Chuniza"],
        ["58"],
        "Niños y niñas del colegio, padres y madres",
        120_000_000,
        Status.IN_STUDY,
        19,
        {Status.IN_STUDY: "El IDU revisa si el andén está en su plan."},
    ),
    (
        "Escuela de oficios para jóvenes de Usme",
        "Cursos cortos de oficios (electricidad, confección, cocina) con el SENA en el salón comunal.",
        "Convenio con el SENA para tres cursos por semestre en el salón comunal de Comuneros, con práctica en negocios del barrio.",
        "Jóvenes con un oficio y un primer empleo.",
        ["Pocas oportunidades de empleo para jóvenes", "Salón comunal cerrado en Comuneros"],
        ["58", "59"],
        "Jóvenes de 16 a 28 años",
        60_000_000,
        Status.PUBLISHED,
        22,
        {},
    ),
    (
        "Techo y banca para el paradero de la Avenida Boyacá",
        "Un paradero con techo, banca e iluminación para quienes esperan el SITP bajo la lluvia.",
        "Pedir a TransMilenio un paradero tipo M10 y mientras tanto instalar un techo provisional con la comunidad.",
        "",
        ["Paradero sin techo en la Avenida Boyacá"],
        ["59"],
        "Personas mayores, madres con bebés",
        25_000_000,
        Status.IMPLEMENTED,
        15,
        {
            Status.IN_STUDY: "En estudio con TransMilenio.",
            Status.VIABLE: "Viable.",
            Status.PROTOTYPE: "Techo provisional instalado.",
            Status.IMPLEMENTED: "TransMilenio instaló el paradero definitivo.",
        },
    ),
    (
        "Brigadas de esterilización de perros en Monteblanco",
        "Jornadas gratuitas de esterilización y adopción con el Instituto de Protección Animal.",
        "Dos jornadas al año en el salón comunal, censo de perros callejeros y una red de hogares de paso.",
        "Menos perros en la calle y menos mordeduras.",
        ["Perros callejeros en Monteblanco"],
        ["61"],
        "Vecinos de Monteblanco",
        18_000_000,
        Status.NOT_VIABLE,
        9,
        {
            Status.IN_STUDY: "En estudio.",
            Status.NOT_VIABLE: "El Instituto ya tiene jornadas programadas en la zona en 2027; se suma a ellas en vez de crear otra.",
        },
    ),
    (
        "Biblioteca viajera en bicicleta",
        "Una bicicleta con libros que recorre los barrios y las veredas los fines de semana.",
        "Adaptar dos bicicletas de carga, recibir donaciones de libros y formar voluntarios lectores.",
        "Más lectura en niños y niñas que no llegan a la biblioteca.",
        ["Biblioteca comunitaria sin libros nuevos"],
        ["61", "52"],
        "Niños y niñas, personas mayores",
        12_000_000,
        Status.PUBLISHED,
        12,
        {},
    ),
    (
        "Mesa de convivencia con los bares de Betania",
        "Un pacto de horarios y volumen entre bares, vecinos y la Policía, con seguimiento mensual.",
        "Convocar a los dueños de bares, la JAC y el cuadrante; firmar un pacto y revisarlo cada mes.",
        "Menos ruido y peleas los fines de semana.",
        ["Ruido y peleas en la zona de bares de Betania"],
        ["57"],
        "Vecinos de Betania, dueños de bares",
        None,
        Status.PUBLISHED,
        6,
        {},
    ),
]

# The open idea box at every stage of triage: (text, decision, reason, theme slug, UPZ code). None = still waiting.
IDEAS = [
    ("Un festival de cometas en Usme Pueblo en agosto, con premios para los niños.", IdeaStatus.PROPOSAL, "", "", ""),
    (
        "Que los buses del colegio presten servicio a las veredas los sábados.",
        IdeaStatus.ARCHIVED,
        "Los buses escolares son de la Secretaría de Educación; la pasamos a la mesa de movilidad rural.",
        "",
        "",
    ),
    ("Murales en las escaleras de La Marichuela pintados por los jóvenes del barrio.", None, "", "", ""),
    (
        "La escalera peatonal de Alfonso López no tiene luz y de noche da miedo subir.",
        IdeaStatus.PROBLEM,
        "",
        "seguridad",
        "59",
    ),
    ("Una biblioteca comunitaria en el salón comunal de Santa Librada, con libros donados.", None, "", "", ""),
    ("Clases de tejido para que las abuelas enseñen a los jóvenes.", None, "", "", ""),
]


def load(stdout) -> None:
    created = 0
    rng = random.Random(7)  # repeatable demo data, not security  # nosec B311
    crowd = list(User.objects.filter(email__startswith="vecino", email__endswith="@demo.usme.co").order_by("email"))
    authors = list(User.objects.filter(email__in=["vecina@demo.usme.co", "vecino@demo.usme.co", "joven@demo.usme.co"]))
    official = User.objects.get(email="funcionario@demo.usme.co")
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    for index, row in enumerate(PROPOSALS):
        title, summary, solution, impact, problems, upzs, groups, cost, status, supporters, reasons = row
        if Proposal.objects.filter(title=title).exists():
            continue
        author = authors[index % len(authors)]
        proposal = services.proposal_create(
            author=author,
            title=title,
            summary=summary,
            solution=solution,
            expected_impact=impact,
            problems=list(Problem.objects.filter(title__in=problems)),
            beneficiary_upzs=list(Upz.objects.filter(code__in=upzs)),
            beneficiary_groups=groups,
            estimated_cost=cost,
            origin=Origin.PROBLEM,
        )
        coauthor = authors[(index + 1) % len(authors)]
        if coauthor != author:
            invitation = services.proposal_invite(inviter=author, proposal=proposal, email=coauthor.email)
            services.invitation_accept(user=coauthor, invitation=invitation)
        proposal = services.proposal_publish(user=author, proposal=proposal)
        if index == 0:  # one published edit, so the demo shows a version diff
            services.proposal_update(
                editor=author, proposal=proposal, solution=solution.replace("24 luminarias", "30 luminarias")
            )
        for user in rng.sample(crowd, min(supporters, len(crowd))):
            services.proposal_support_set(user=user, proposal=proposal, supported=True)
        for step, reason in reasons.items():
            services.proposal_change_status(actor=official, proposal=proposal, to_status=step, reason=reason)
        created += 1
    _load_ideas(authors, facilitator)
    stdout.write(f"proposals: {created} demo proposals created")


def _load_ideas(authors, facilitator) -> None:
    for n, (body, decision, reason, theme, upz) in enumerate(IDEAS):
        if Idea.objects.filter(body=body).exists():
            continue
        idea = services.idea_submit(author=authors[n % len(authors)], body=body)
        if decision is not None:
            services.idea_triage(
                actor=facilitator,
                idea=idea,
                decision=decision,
                reason=reason,
                theme=Theme.objects.filter(slug=theme).first(),
                upz=Upz.objects.filter(code=upz).first(),
            )
