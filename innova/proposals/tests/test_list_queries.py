"""The proposals list costs the same number of queries with 3 proposals as with 60."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_proposal_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_proposal, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for _ in range(n):
            make_proposal(author=make_user("citizen"))

    list_queries_constant(reverse("proposals:index"), add, user=user)
