"""One's registrations and an event's check-in list cost the same number of queries with 3 rows as with 60."""

from django.urls import reverse

from innova.agenda import services
from innova.core.ratelimit import rate_limits_suspended


def test_my_registrations_queries_do_not_grow_with_rows(list_queries_constant, make_event, citizen):
    def add(n):
        for _ in range(n):
            with rate_limits_suspended():
                services.registration_create(event=make_event(), user=citizen)

    list_queries_constant(reverse("agenda:mine"), add, user=citizen)


def test_checkin_list_queries_do_not_grow_with_rows(list_queries_constant, make_event, make_user, facilitator):
    event = make_event(organiser=facilitator, capacity=40)  # the last ones wait for a seat

    def add(n):
        for _ in range(n):
            with rate_limits_suspended():
                services.registration_create(event=event, user=make_user("citizen"))

    list_queries_constant(reverse("agenda:checkin", args=[event.pk]), add, user=facilitator)
