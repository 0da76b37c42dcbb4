"""The list of debates with an opinion map costs the same number of queries with 3 as with 60."""

import pytest
from django.urls import reverse

from innova.debates.testing import make_debate


@pytest.mark.parametrize("who", ["anonymous", "citizen"])
def test_opinion_map_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for _ in range(n):
            make_debate(author=make_user("facilitator"), has_opinion_map=True)

    list_queries_constant(reverse("opinions:index"), add, user=user)
