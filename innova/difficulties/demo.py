# ruff: noqa: E501 - the demo rows read best one per line
"""Demo difficulties of three work fronts, so their risk matrices are not empty. Idempotent."""

import datetime

from django.utils import timezone

from innova.accounts.models import User
from innova.fronts.models import Front

from . import services
from .models import Difficulty

# front → [(title, type, likelihood, impact, description, mitigation)]
DIFFICULTIES = {"Movilidad segura en Usme": [
    ("Lluvias que dañan el parcheo", "environmental", 4, 3, "En temporada de lluvias el parcheo dura pocas semanas.", "Programar obras en la temporada seca."),
    ("Presupuesto del Fondo de Desarrollo Local insuficiente", "budget", 3, 5, "Los recursos del año no alcanzan para todas las vías priorizadas.", "Priorizar con la comunidad y buscar cofinanciación."),
    ("Permisos de intervención de la UMV", "institutional", 2, 4, "La Unidad de Mantenimiento Vial tarda en dar los permisos.", "Mesa mensual con la UMV."),
], "Quebradas vivas: Yomasa y Entrenubes": [
    ("Basuras que vuelven a la ronda después de cada jornada", "social", 4, 4, "Se limpia la quebrada y a las dos semanas hay escombros otra vez.", "Vigías ambientales por cuadra y denuncia a la línea de escombros."),
    ("Permisos de la autoridad ambiental para intervenir la ronda", "institutional", 3, 3, "Sembrar en la ronda de la quebrada Yomasa necesita concepto previo.", "Solicitar el concepto con tres meses de anticipación."),
], "Jóvenes y empleo": [
    ("Pocas empresas dispuestas a dar primer empleo", "social", 4, 5, "Las empresas piden experiencia que los jóvenes de Usme aún no tienen.", "Convenio de prácticas con el SENA y el comercio del Portal Usme."),
    ("Horarios de los talleres chocan con el colegio nocturno", "social", 3, 2, "Varios jóvenes estudian de noche y trabajan de día.", "Talleres los sábados en la mañana."),
]}  # fmt: skip


def load(stdout) -> None:
    facilitator = User.objects.filter(email="facilitadora@demo.usme.co").first()
    if facilitator is None:
        return
    made = 0
    for front_name, rows in DIFFICULTIES.items():
        front = Front.objects.filter(name=front_name).first()
        if front is not None:
            made += _load_front(front, facilitator, rows)
    stdout.write(f"difficulties: {made} new")


def _load_front(front, facilitator, rows) -> int:
    made = 0
    for title, kind, likelihood, impact, description, mitigation in rows:
        if Difficulty.objects.filter(front=front, title=title).exists():
            continue
        services.difficulty_create(
            actor=facilitator,
            front=front,
            title=title,
            description=description,
            kind=kind,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner=facilitator,
            review_date=timezone.localdate() + datetime.timedelta(days=30),
        )
        made += 1
    return made
