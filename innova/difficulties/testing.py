"""Helpers to build fronts and difficulties in tests (also used by tests/url_matrix.py)."""

from innova.accounts.testing import make_user
from innova.fronts.services import front_create
from innova.problems.models import Theme

from . import services


def make_front(*, creator=None, name="Frente de movilidad de Usme"):

    return front_create(
        creator=creator or make_user("facilitator"),
        name=name,
        theme=Theme.objects.get(slug="movilidad"),
        description="Vías, rutas y paraderos de la localidad.",
    )


def make_difficulty(*, actor=None, front=None, proposal=None, **extra):

    if front is None and proposal is None:
        front = make_front(creator=actor)
    actor = actor or (front.created_by if front is not None else proposal.author)
    data = {
        "title": "Demoras en el permiso ambiental",
        "description": "La CAR tarda meses en responder.",
        "kind": "regulatory",
        "likelihood": 4,
        "impact": 5,
    }
    data.update(extra)
    return services.difficulty_create(actor=actor, front=front, proposal=proposal, **data)
