"""The staff's lists of proposals (awaiting an answer, the idea box queue) and one's own proposals cost the same
number of queries with 3 rows as with 60."""

import datetime

from django.urls import reverse
from django.utils import timezone

from innova.proposals import services
from innova.proposals.forms import TriageForm
from innova.proposals.models import Idea, Proposal


def test_pending_answer_queries_do_not_grow_with_rows(list_queries_constant, make_proposal, make_user, facilitator):
    now = timezone.now()

    def add(n):
        for i in range(n):
            proposal = make_proposal(author=make_user("citizen"))
            due = now + datetime.timedelta(days=-3 if i % 2 else 5)
            Proposal.objects.filter(pk=proposal.pk).update(answer_due_at=due)

    list_queries_constant(reverse("proposals:pending"), add, user=facilitator)


def test_idea_queue_queries_do_not_grow_with_rows(client, list_queries_constant, make_user, facilitator):
    def add(n):
        for i in range(n):
            services.idea_submit(author=make_user("citizen"), body=f"Una idea para el barrio número {i}")

    list_queries_constant(reverse("ideas:queue"), add, user=facilitator)
    # Every form of the queue offers the same themes and UPZs as a form built on its own.
    html = client.get(reverse("ideas:queue")).content.decode()
    for idea in Idea.objects.all():
        form = TriageForm(prefix=f"idea-{idea.pk}")
        assert str(form["theme"]) in html and str(form["upz"]) in html


def test_my_proposals_queries_do_not_grow_with_rows(list_queries_constant, make_proposal, citizen):
    def add(n):
        for i in range(n):
            make_proposal(author=citizen, publish=i % 2 == 0)

    list_queries_constant(reverse("proposals:mine"), add, user=citizen)
