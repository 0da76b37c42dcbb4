"""The debates list costs the same number of queries with 3 debates as with 60."""

import pytest
from django.urls import reverse

from innova.debates.testing import make_debate


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_debate_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for i in range(n):
            make_debate(author=make_user("facilitator"), has_opinion_map=i % 2 == 0)

    list_queries_constant(reverse("debates:index"), add, user=user)
