"""The surveys list costs the same number of queries with 3 surveys as with 60."""

import itertools

import pytest
from django.urls import reverse

from innova.surveys import services


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_survey_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    numbers = itertools.count()

    def add(n):
        for _ in range(n):
            i = next(numbers)
            author = make_user("facilitator")
            services.survey_create(actor=author, title=f"Encuesta {i}", slug=f"encuesta-{i}", published=i % 4 != 0)

    list_queries_constant(reverse("surveys:index"), add, user=user)


def test_survey_manage_list_queries_do_not_grow_with_rows(list_queries_constant, make_user, facilitator):
    numbers = itertools.count()

    def add(n):
        for _ in range(n):
            i = next(numbers)
            services.survey_create(
                actor=make_user("facilitator"), title=f"Encuesta {i}", slug=f"encuesta-{i}", published=i % 2 == 0
            )

    list_queries_constant(reverse("surveys:manage"), add, user=facilitator)
