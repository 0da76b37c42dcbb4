"""The bench seed commands at a tiny size (they run for `make bench` against PostgreSQL with COPY; here the
executemany path on the test database): the volumes they promise, and a second run that adds nothing."""

import io

import pytest
from django.core.management import call_command

from innova.accounts.models import User
from innova.brainstorms.models import Board
from innova.core.participation import add_working_days
from innova.fronts.models import Front, MemberRole, Membership
from innova.proposals.models import Proposal, Support
from innova.surveys.models import Answer, Response, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_people(db):
    return User.objects.bulk_create(
        [User(email=f"bench{n}@bench.invalid", display_name=f"Vecino {n}", password="!") for n in range(30)]
    )


def seed(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_proposals_get_supports_and_comments_once(bench_people):
    seed("seed_bench_proposals", "--proposals", "20", "--comments", "3", "--commented", "5")
    supports = Support.objects.count()
    assert Proposal.objects.count() == 20
    assert supports >= 20 * 4 // 2
    assert all(p.support_count == p.supports.count() for p in Proposal.objects.all())
    seed("seed_bench_proposals", "--proposals", "20", "--comments", "3", "--commented", "5")
    assert Support.objects.count() == supports


def test_proposals_past_the_threshold_await_an_answer_like_real_ones(bench_people, settings):
    settings.INNOVA_PROPOSAL_SUPPORT_THRESHOLD = 5
    seed("seed_bench_proposals", "--proposals", "20", "--comments", "0", "--commented", "0")
    with_deadline = list(Proposal.objects.filter(answer_due_at__isnull=False))
    assert with_deadline, "the long tail of supports puts some proposals past 5"
    assert all(p.support_count >= 5 for p in with_deadline)
    assert all(p.answer_due_at == add_working_days(p.published_at, 15) for p in with_deadline)
    assert not Proposal.objects.filter(answer_due_at__isnull=True, support_count__gte=5).exists()


def test_fronts_get_members_sessions_and_boards_once(bench_people):
    out = seed("seed_bench_fronts", "--fronts", "12", "--boards", "3")
    assert "fronts=12" in out
    assert Front.objects.count() == 12
    assert Membership.objects.filter(role=MemberRole.COORDINATOR).count() == 12
    assert Board.objects.count() == 3 and all(board.cards.exists() for board in Board.objects.all())
    members = Membership.objects.count()
    seed("seed_bench_fronts", "--fronts", "12", "--boards", "3")
    assert (Front.objects.count(), Membership.objects.count(), Board.objects.count()) == (12, members, 3)


def test_surveys_share_the_responses_and_the_last_ones_close_with_public_results(db):
    seed("seed_bench_surveys", "--surveys", "3", "--closed", "1", "--responses", "10")
    surveys = list(Survey.objects.filter(slug__startswith="bench-seguridad").order_by("pk"))
    assert [s.response_count for s in surveys] == [4, 3, 3]
    assert [(s.is_open, s.results_public) for s in surveys] == [(True, False), (True, False), (False, True)]
    assert Response.objects.count() == 10 and Answer.objects.filter(survey=surveys[0]).count() > 4 * 20
    seed("seed_bench_surveys", "--surveys", "3", "--closed", "1", "--responses", "10")
    assert Response.objects.count() == 10
