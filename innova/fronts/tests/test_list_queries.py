"""The fronts list costs the same number of queries with 3 fronts as with 60."""

import itertools

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_front_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_front, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    numbers = itertools.count()

    def add(n):
        for _ in range(n):
            make_front(creator=make_user("facilitator"), name=f"Frente {next(numbers)}")

    list_queries_constant(reverse("fronts:index"), add, user=user)
