import random

import pytest
from django.contrib.auth.models import AnonymousUser

from innova.debates.testing import make_debate
from innova.opinions import services
from innova.opinions.models import Participant


@pytest.fixture
def debate(facilitator):
    return make_debate(author=facilitator)


@pytest.fixture
def anonymous_debate(facilitator):
    return make_debate(author=facilitator, title="¿Qué hacemos con el parque?", allow_anonymous_opinions=True)


@pytest.fixture
def make_statements(facilitator):
    def make(debate, n=5):
        return [
            services.statement_submit(user=facilitator, debate=debate, text=f"Afirmación número {i}") for i in range(n)
        ]

    return make


@pytest.fixture
def two_blocs(make_statements):
    """make(debate): 10 statements and 40 anonymous participants in two opposed blocs (no map computed)."""

    def make(debate, n_per_bloc=20):
        statements = make_statements(debate, 10)
        rng = random.Random(3)
        anonymous = AnonymousUser()
        debate.allow_anonymous_opinions = True
        debate.save(update_fields=["allow_anonymous_opinions"])
        for bloc in (0, 1):
            for k in range(n_per_bloc):
                participant = Participant.objects.create(debate=debate, anonymous_key=f"bloc{bloc}-{k}")
                for index, statement in enumerate(statements):
                    if index == 0:
                        value = 1  # everyone agrees with the first one
                    else:
                        side = 1 if (index % 2 == 0) == (bloc == 0) else -1
                        value = side if rng.random() < 0.9 else -side
                    services.vote_cast(
                        user=anonymous, participant=participant, statement=statement, value=value, recompute=False
                    )
        return statements

    return make
