"""The open-data dashboard and the search answer with the same number of queries for 3 rows as for 60."""

from django.urls import reverse


def test_dashboard_queries_do_not_grow_with_rows(list_queries_constant, make_problem, make_user):
    def add(n):
        for _ in range(n):
            make_problem(title="Huecos junto al parque de Yomasa", author=make_user("citizen"))

    list_queries_constant(reverse("opendata:index"), add)


def test_search_queries_do_not_grow_with_rows(list_queries_constant, make_problem, make_user, citizen):
    from innova.proposals import services

    def add(n):
        for _ in range(n):
            make_problem(title="Huecos junto al parque de Yomasa", author=make_user("citizen"))
            author = make_user("citizen")
            proposal = services.proposal_create(
                author=author, title="Un parque iluminado", summary="Luces en el parque.", solution="Luminarias."
            )
            services.proposal_publish(user=author, proposal=proposal)

    list_queries_constant(reverse("search"), add, params={"q": "parque"}, user=citizen)
