"""Participants on the dashboard: how many people signed up, by month, UPZ and role; never a list of people."""

import datetime

import pytest
from django.utils import timezone

from innova.accounts.models import User
from innova.opendata import registry
from innova.opendata.selectors import dashboard
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


def _participants(**filters):
    return next(counts for source, counts in dashboard(**filters).sections if source.kind == "participants")


def test_sign_ups_by_month_upz_and_role(make_user):
    before = _participants()
    usme_centro = Upz.objects.get(code="57")
    make_user("citizen", upz=usme_centro)
    make_user("citizen", upz=usme_centro)
    make_user("official")
    gone = make_user("citizen", upz=usme_centro)
    User.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    counts = _participants()
    assert counts.total == before.total + 3
    assert counts.by_upz.get("57", 0) == before.by_upz.get("57", 0) + 2
    assert counts.by_month[timezone.localdate().strftime("%Y-%m")] >= 3
    assert counts.by_status["Funcionario/a"] == before.by_status.get("Funcionario/a", 0) + 1
    assert _participants(upz_id=usme_centro.pk).total == before.by_upz.get("57", 0) + 2
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert _participants(start=tomorrow).total == 0


def test_people_are_never_a_dataset_an_api_or_a_search():
    assert "participants" not in {d.name for d in registry.datasets()}
    assert "participants" not in {s.kind for s in registry.search_sources()}
    assert not any("user" in e.prefix or "account" in e.prefix for e in registry.api_endpoints())
