# ruff: noqa: E501 - the demo rows read best one per line
"""Demo difficulties of the mobility front, so its risk matrix is not empty. Idempotent."""

import datetime

from django.utils import timezone

from innova.accounts.models import User
from innova.fronts.models import Front

from . import services
from .models import Difficulty

# title, type, likelihood, impact, description, mitigation
DIFFICULTIES = [
    ("Lluvias que dañan el parcheo", "environmental", 4, 3, "En temporada de lluvias el parcheo dura pocas semanas.", "Programar obras en la temporada seca."),
    ("Presupuesto del Fondo de Desarrollo Local insuficiente", "budget", 3, 5, "Los recursos del año no alcanzan para todas las vías priorizadas.", "Priorizar con la comunidad y buscar cofinanciación."),
    ("Permisos de intervención de la UMV", "institutional", 2, 4, "La Unidad de Mantenimiento Vial tarda en dar los permisos.", "Mesa mensual con la UMV."),
]  # fmt: skip


def load(stdout) -> None:
    front = Front.objects.filter(name="Movilidad segura en Usme").first()
    facilitator = User.objects.filter(email="facilitadora@demo.usme.co").first()
    if front is None or facilitator is None:
        return
    made = 0
    for title, kind, likelihood, impact, description, mitigation in DIFFICULTIES:
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
    stdout.write(f"difficulties: {made} new")
