import pytest

from innova.agenda.testing import make_event as _make_event


@pytest.fixture
def make_event(db, make_user):
    """make_event(**fields): an event created through the real service by a facilitator."""

    def make(organiser=None, questions=(), **extra):
        return _make_event(organiser=organiser or make_user("facilitator"), questions=questions, **extra)

    return make
