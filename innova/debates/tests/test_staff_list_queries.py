"""The debate requests awaiting an answer cost the same number of queries with 3 requests as with 60."""

from django.urls import reverse

from innova.debates import services


def test_request_queue_queries_do_not_grow_with_rows(list_queries_constant, make_user, facilitator):
    def add(n):
        for i in range(n):
            services.debate_request_create(user=make_user("citizen"), title=f"¿Qué hacemos con el parque {i}?")

    list_queries_constant(reverse("debates:requests"), add, user=facilitator)
