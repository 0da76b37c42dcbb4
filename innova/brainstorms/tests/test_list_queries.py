"""The boards list costs the same number of queries with 3 boards as with 60 (open calls and fronts' boards)."""

import pytest
from django.urls import reverse

from innova.fronts.services import front_create
from innova.problems.models import Theme


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_board_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_board, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    theme = Theme.objects.get(slug="movilidad")

    def add(n):
        for i in range(n):
            facilitator = make_user("facilitator")
            if i % 2:
                front = front_create(creator=facilitator, name=f"Frente {i}", theme=theme, description="Vías.")
                make_board(actor=facilitator, front=front)
            else:
                make_board(actor=facilitator)

    list_queries_constant(reverse("brainstorms:index"), add, user=user)
