import pytest

from innova.problems.tests.conftest import theme, upz  # noqa: F401 - the same fixtures as problems


@pytest.fixture
def make_proposal(db, make_user):
    """make_proposal(title=…, author=…, publish=True, **fields): a proposal through the real services."""
    from innova.proposals import services

    def make(
        title="Senderos iluminados al parque Santa Librada",
        summary="Iluminar los senderos del parque con luminarias solares.",
        solution="Instalar 20 luminarias solares y cuidar los senderos con la junta de acción comunal.",
        author=None,
        publish=True,
        **extra,
    ):
        author = author or make_user("citizen")
        proposal = services.proposal_create(author=author, title=title, summary=summary, solution=solution, **extra)
        if publish:
            proposal = services.proposal_publish(user=author, proposal=proposal)
        return proposal

    return make
