"""Supporting a problem ("A mí también me afecta") and supporting a proposal: one service behind two views
(``core.participation.support_set``) and one way of counting on the pages, so each behaviour is asserted once
here, for both."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from innova.core.testing import page_text, run_concurrently

pytestmark = pytest.mark.django_db


def _problem(request):
    from innova.problems import services
    from innova.problems.models import Support

    problem = request.getfixturevalue("make_problem")()
    return problem, Support, lambda user: services.problem_support_set(user=user, problem=problem, supported=True)


def _proposal(request):
    from innova.proposals import services
    from innova.proposals.models import Support

    proposal = request.getfixturevalue("make_proposal")()
    return proposal, Support, lambda user: services.proposal_support_set(user=user, proposal=proposal, supported=True)


# URL namespace → a published target, its support model and ``support(user)`` through the real service.
SUPPORTABLE = {"problems": _problem, "proposals": _proposal}


@pytest.fixture(params=SUPPORTABLE)
def supportable(request):
    target, model, support = SUPPORTABLE[request.param](request)
    url = reverse(f"{request.param}:support", args=[target.pk])
    return SimpleNamespace(kind=request.param, target=target, model=model, support=support, url=url)


def test_support_once_per_person_reversible_and_counted(client, citizen, supportable):
    """A double click supports once; withdrawing twice leaves none: the counter and the support rows agree."""
    client.force_login(citizen)
    target = supportable.target
    for supported, count in (("1", 1), ("0", 0)):
        client.post(supportable.url, {"supported": supported})
        client.post(supportable.url, {"supported": supported})
        target.refresh_from_db()
        assert target.support_count == count == target.supports.count()


def test_anonymous_cannot_support(client, supportable):
    response = client.post(supportable.url, {"supported": "1"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert supportable.model.objects.count() == 0


def test_support_via_htmx_returns_the_updated_button(client, citizen, supportable):
    client.force_login(citizen)
    response = client.post(supportable.url, {"supported": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<strong>1</strong>" in html and 'aria-pressed="true"' in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_supports_count_exactly_fifty(make_user, supportable):
    """Fifty people support at once, each with a double click: no error, one support each, a counter that agrees."""

    def click(user):
        supportable.support(user)
        supportable.support(user)  # and a double click

    users = [make_user("citizen") for _ in range(50)]
    assert not run_concurrently(click, users)
    target = supportable.target
    target.refresh_from_db()
    assert target.supports.count() == 50 == target.support_count


# URL namespace → how its pages count supporters in Spanish: (detail, list) with one, then (detail, list) with two.
WORDING = {
    "problems": ("1 persona dice que le afecta", "1 afectado ", "2 personas dicen que les afecta", "2 afectados"),
    "proposals": ("1 persona la apoya", "1 apoyo ", "2 personas la apoyan", "2 apoyos"),
}


def test_one_supporter_reads_singular_and_two_plural(client, make_user, supportable):
    one_in_detail, one_in_list, two_in_detail, two_in_list = WORDING[supportable.kind]
    target = supportable.target

    def detail_and_list():
        detail = client.get(target.get_absolute_url()).content.decode()
        listing = client.get(reverse(f"{supportable.kind}:index")).content.decode()
        return page_text(detail), page_text(listing)

    supportable.support(make_user("citizen"))
    target.refresh_from_db()
    assert target.support_count == 1
    detail, listing = detail_and_list()
    assert one_in_detail in detail and "1 personas" not in detail
    assert one_in_list in listing and f"{one_in_list.strip()}s" not in listing  # not "1 apoyos"
    supportable.support(make_user("citizen"))
    detail, listing = detail_and_list()
    assert two_in_detail in detail and two_in_list in listing
