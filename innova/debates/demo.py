# ruff: noqa: E501 - the demo rows read best one per line
"""Demo debates of Usme: one open with arguments on both sides, one closed with its conclusion, one request from a
resident waiting for the lab. (The opinion-map debate comes from the opinions app.) Idempotent: found by title."""

from innova.accounts.models import User
from innova.comments.services import comment_add
from innova.fronts.models import Front
from innova.problems.models import Problem

from . import services
from .models import Debate, DebateRequest

# title, context, front name, problem titles, [(side, author e-mail, text, supporter e-mails)], comments, conclusion
DEBATES = [
    (
        "¿Debe cerrarse al tráfico pesado la vía a Usme Pueblo los fines de semana?",
        "Los fines de semana la vía recibe volquetas de las canteras y buses intermunicipales, y cientos de familias caminan al pueblo y a las veredas. ¿Cerramos el tráfico pesado sábados y domingos de 8 a. m. a 6 p. m.?",
        "Movilidad segura en Usme",
        ["Huecos en la vía a Usme Pueblo"],
        [
            (
                "for",
                "vecina@demo.usme.co",
                "Los sábados bajamos a pie con los niños y no hay andén: las volquetas pasan a un metro.",
                ["vecino@demo.usme.co", "joven@demo.usme.co"],
            ),
            (
                "for",
                "joven@demo.usme.co",
                "Con menos volquetas el parcheo nuevo dura más; el fin de semana es cuando más gente sube a los restaurantes.",
                ["vecina@demo.usme.co"],
            ),
            (
                "against",
                "vecino@demo.usme.co",
                "Los campesinos sacamos la cosecha el sábado: si cierran, que sea solo para volquetas y no para los camiones de carga pequeños.",
                ["contratista@demo.usme.co"],
            ),
            (
                "against",
                "contratista@demo.usme.co",
                "Las obras de la vía ya tienen cronograma con la UMV; cerrar sin plan de desvío traslada el problema a la Avenida Boyacá.",
                [],
            ),
        ],
        [
            "En La Aurora pasa lo mismo con los buses que suben a la vereda.",
            "¿Quién controlaría el cierre? La policía de tránsito casi no sube.",
        ],
        "",
    ),
    (
        "¿Dónde instalamos los primeros tres puntos limpios de reciclaje?",
        "El Fondo de Desarrollo Local financia tres puntos limpios este año. La comunidad debate dónde: junto a los colegios, en los parques o en las plazas de mercado.",
        "Quebradas vivas: Yomasa y Entrenubes",
        [],
        [
            (
                "for",
                "vecina@demo.usme.co",
                "Junto a los colegios: los niños aprenden a separar y lo enseñan en la casa.",
                ["joven@demo.usme.co"],
            ),
            (
                "against",
                "vecino@demo.usme.co",
                "En los colegios los cierran en vacaciones; mejor en la plaza de mercado, que abre toda la semana.",
                ["vecina@demo.usme.co", "joven@demo.usme.co"],
            ),
        ],
        ["Que los recicladores de oficio manejen los puntos, ellos saben."],
        "Se instalarán en la plaza de mercado de Santa Librada, el parque de La Marichuela y el Colegio Ofelia Uribe, con acuerdo de la asociación de recicladores para operarlos. Revisión en seis meses.",
    ),
]
REQUEST = (
    "¿Deberían los parques de Usme cerrar a las 10 de la noche?",
    "En varios barrios los vecinos piden horario por seguridad y ruido, pero los jóvenes dicen que no tienen otro lugar.",
)


def load(stdout) -> None:
    people = {user.email: user for user in User.objects.filter(email__endswith="@demo.usme.co")}
    facilitator = people["facilitadora@demo.usme.co"]
    made = 0
    for title, context, front_name, problems, arguments, comments, conclusion in DEBATES:
        if Debate.objects.filter(title=title).exists():
            continue
        front = Front.objects.filter(name=front_name).first()
        debate = services.debate_create(
            author=facilitator,
            title=title,
            context=context,
            front_id=front.pk if front else None,
            has_opinion_map=False,
            problems=list(Problem.objects.filter(title__in=problems)),
        )
        for side, author, body, supporters in arguments:
            argument = services.argument_add(author=people[author], debate=debate, side=side, body=body)
            for supporter in supporters:
                services.argument_support_set(user=people[supporter], argument=argument, supported=True)
        for n, body in enumerate(comments):
            comment_add(author=people[["joven@demo.usme.co", "vecino@demo.usme.co"][n % 2]], target=debate, body=body)
        if conclusion:
            services.debate_close(actor=people["funcionario@demo.usme.co"], debate=debate, conclusion=conclusion)
        made += 1
    if not DebateRequest.objects.filter(title=REQUEST[0]).exists():
        services.debate_request_create(user=people["joven@demo.usme.co"], title=REQUEST[0], context=REQUEST[1])
    stdout.write(f"debates: {made} demo debates created")
