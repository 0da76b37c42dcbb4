"""The intake dashboard costs the same number of queries with 3 conversations as with 50 (it shows the last 50)."""

import itertools

from django.urls import reverse

from innova.intake import services
from innova.intake.models import Conversation


def test_dashboard_queries_do_not_grow_with_rows(list_queries_constant, facilitator):
    numbers = itertools.count()

    def add(n):
        for _ in range(n):
            i = next(numbers)
            services.intake_receive(channel="sms", provider_id=f"m{i}", phone=f"+57300{i:07d}", text="Hola")

    list_queries_constant(reverse("intake:index"), add, user=facilitator, many=50)
    assert Conversation.objects.count() == 50
