"""Helpers to build events in tests (the agenda's fixtures and the cross-app export tests)."""

import datetime

from django.utils import timezone

from innova.territory.models import Upz

from . import services


def make_event(*, organiser, questions=(), **extra):
    """An event a week from now, created through the real service by ``organiser``."""

    start = timezone.now() + datetime.timedelta(days=7)
    data = {
        "kind": "workshop",
        "title": "Taller de cartografía social",
        "description": "Dibujamos el mapa de los problemas del barrio.",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "place_name": "Casa de la Cultura de Usme",
        "address": "Cra. 14 #136-30 Sur",
        "upz": Upz.objects.get(code="57"),
        "capacity": 20,
    }
    data.update(extra)
    return services.event_create(actor=organiser, questions=questions, **data)
