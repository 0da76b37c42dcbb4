import pytest

from innova.core.testing import jpeg_with_gps  # noqa: F401 - re-exported for the problem tests
from innova.problems.models import Theme
from innova.territory.models import Upz


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="movilidad")


@pytest.fixture
def upz(db):
    return Upz.objects.get(code="57")
