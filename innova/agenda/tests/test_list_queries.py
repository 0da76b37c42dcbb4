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


def test_calendar_queries_do_not_grow_with_rows(list_queries_constant, make_event, make_front, facilitator):
    """The month view, with the lab's events and the fronts' sessions (the agenda's second source) in it."""
    import datetime

    from django.utils import timezone

    from innova.fronts import services as fronts

    start = timezone.now() + datetime.timedelta(days=7)
    front = make_front(creator=facilitator)

    def add(n):
        for i in range(n):
            when = start + datetime.timedelta(hours=i)
            if i % 2:
                fronts.session_create(
                    actor=facilitator,
                    front=front,
                    title=f"Sesión {i}",
                    starts_at=when,
                    ends_at=when + datetime.timedelta(hours=1),
                    place="Salón comunal",
                )
            else:
                make_event(starts_at=when, ends_at=when + datetime.timedelta(hours=1))

    list_queries_constant(reverse("agenda:calendar"), add, params={"mes": start.strftime("%Y-%m")})
