"""The register of difficulties costs the same number of queries with 3 difficulties as with 60."""

import pytest
from django.urls import reverse

from innova.difficulties.testing import make_difficulty


@pytest.mark.parametrize("who", ["anonymous", "facilitator"])
def test_difficulty_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_proposal, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for i in range(n):
            if i % 2:
                make_difficulty(proposal=make_proposal())
            else:
                make_difficulty()

    list_queries_constant(reverse("difficulties:index"), add, user=user)
