import datetime

import pytest
from django.utils import timezone

from innova.agenda import services
from innova.territory.models import Upz


@pytest.fixture
def make_event(db, make_user):
    """make_event(**fields): an event created through the real service by a facilitator."""

    def make(organiser=None, questions=(), **extra):
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
        return services.event_create(actor=organiser or make_user("facilitator"), questions=questions, **data)

    return make
