"""The problems list costs the same number of queries with 3 problems as with 60 (shared fixture in conftest.py)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_problem_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_problem, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for _ in range(n):
            make_problem(title="Huecos en la vía principal de Yomasa", author=make_user("citizen"))

    list_queries_constant(reverse("problems:index"), add, user=user)
