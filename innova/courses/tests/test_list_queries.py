"""The courses list costs the same number of queries with 3 courses as with 60 (published and drafts)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["anonymous", "citizen", "facilitator"])
def test_course_list_queries_do_not_grow_with_rows(request, list_queries_constant, make_course, make_user, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)

    def add(n):
        for i in range(n):
            make_course(sessions=2, published=i % 3 != 0, instructor=make_user("citizen"))

    list_queries_constant(reverse("courses:index"), add, user=user)
