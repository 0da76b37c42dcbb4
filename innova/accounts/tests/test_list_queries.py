"""The role claims awaiting verification cost the same number of queries with 3 claims as with 60."""

from django.urls import reverse

from innova.accounts import services


def test_role_claim_queue_queries_do_not_grow_with_rows(list_queries_constant, make_user, administrator):
    def add(n):
        for i in range(n):
            services.role_claim_submit(
                user=make_user("citizen"), role="official", entity="Alcaldía Local de Usme", position=f"Cargo {i}"
            )

    list_queries_constant(reverse("accounts:role_claim_queue"), add, user=administrator)
