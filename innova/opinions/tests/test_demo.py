import io

import pytest

from innova.debates.models import Debate
from innova.opinions import demo
from innova.opinions.models import MapResult, Participant, Statement, StatementStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(make_user):
    make_user("facilitator", email="facilitadora@demo.usme.co")
    make_user("citizen", email="vecina@demo.usme.co")


def test_demo_debate_has_three_blocs_and_is_idempotent(demo_people):
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    debate = Debate.objects.get(title=demo.TITLE)
    assert Debate.objects.count() == 1 and debate.allow_anonymous_opinions
    assert Statement.objects.filter(debate=debate, status=StatementStatus.APPROVED).count() == 25
    assert Statement.objects.filter(debate=debate, status=StatementStatus.PENDING).count() == 2
    assert Participant.objects.filter(debate=debate, votes__isnull=False).distinct().count() == 120
    groups = MapResult.objects.get(debate=debate).data["groups"]
    assert sorted(g["size"] for g in groups) == [37, 40, 43]
