import pytest

from innova.brainstorms import services
from innova.brainstorms.services import Someone


@pytest.fixture
def make_board(db, make_user):
    """make_board(actor=…, **options): a board through the real service."""

    def make(*, actor=None, prompt="¿Cómo mejoramos la movilidad en Usme?", **options):
        return services.board_create(actor=actor or make_user("facilitator"), prompt=prompt, **options)

    return make


@pytest.fixture
def someone():
    return lambda user=None, guest=None: Someone(user=user, guest=guest)
