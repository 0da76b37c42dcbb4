"""The staff's lists (problems awaiting an answer, the moderation queue) cost the same with 3 rows as with 60."""

import datetime

from django.urls import reverse
from django.utils import timezone

from innova.comments import services as comments_services
from innova.core.ratelimit import rate_limits_suspended
from innova.problems.models import Problem


def test_pending_answer_queries_do_not_grow_with_rows(list_queries_constant, make_problem, make_user, facilitator):
    now = timezone.now()

    def add(n):
        for i in range(n):
            problem = make_problem(author=make_user("citizen"))
            due = now + datetime.timedelta(days=-3 if i % 2 else 5)  # overdue and still in time
            Problem.objects.filter(pk=problem.pk).update(answer_due_at=due)

    list_queries_constant(reverse("problems:pending"), add, user=facilitator)


def test_moderation_queue_queries_do_not_grow_with_rows(list_queries_constant, make_problem, make_user, facilitator):
    def add(n):
        for _ in range(n):
            problem = make_problem(author=make_user("citizen"))
            with rate_limits_suspended():
                comments_services.flag_add(user=make_user("citizen"), target=problem, reason="Ofensivo")

    list_queries_constant(reverse("comments:moderation"), add, user=facilitator)
