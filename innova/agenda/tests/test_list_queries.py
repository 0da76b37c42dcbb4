"""The agenda costs the same number of queries with 3 events as with 60."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_agenda_queries_do_not_grow_with_rows(request, list_queries_constant, make_event, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for _ in range(n):
            make_event()

    list_queries_constant(reverse("agenda:index"), add, user=user)
