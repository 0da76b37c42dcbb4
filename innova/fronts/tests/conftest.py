import pytest

from innova.fronts import services
from innova.problems.models import Theme
from innova.territory.models import Upz


@pytest.fixture
def make_front(db, make_user):
    """make_front(creator=…, **fields): a front through the real service (its creator coordinates it)."""

    def make(*, creator=None, name="Frente de movilidad de Usme", join_policy="open", **extra):
        extra.setdefault("theme", Theme.objects.get(slug="movilidad"))
        extra.setdefault("description", "Vías, rutas y paraderos de la localidad.")
        extra.setdefault("upzs", [Upz.objects.get(code="57")])
        return services.front_create(
            creator=creator or make_user("facilitator"), name=name, join_policy=join_policy, **extra
        )

    return make
