"""The boards list costs the same number of queries with 3 boards as with 60 (open calls and fronts' boards)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_board_list_queries_do_not_grow_with_rows(
    request, list_queries_constant, make_board, make_front, make_user, who
):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for i in range(n):
            facilitator = make_user("facilitator")
            if i % 2:
                front = make_front(creator=facilitator, name=f"Frente {i}")
                make_board(actor=facilitator, front=front)
            else:
                make_board(actor=facilitator)

    list_queries_constant(reverse("brainstorms:index"), add, user=user)
