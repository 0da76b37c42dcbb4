import io

import pytest
from django.urls import reverse

from innova.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_its_results_render(client, facilitator):
    from innova.accounts import demo as accounts_demo
    from innova.surveys import demo

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent
    survey = Survey.objects.get(slug=demo.SLUG)
    submitted = Response.objects.filter(survey=survey, submitted_at__isnull=False).count()
    assert survey.response_count == demo.ANSWERS == submitted
    assert Response.objects.values("upz").distinct().count() > 3
    client.force_login(facilitator)
    html = client.get(reverse("surveys:results", args=[survey.slug])).content.decode()
    assert html.count('<svg class="chart"') >= 8
