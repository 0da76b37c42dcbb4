"""One's notifications cost the same number of queries with 3 as with 60 (different targets and actors)."""

from django.urls import reverse

from innova.notifications.services.emit import notification_emit


def test_notification_list_queries_do_not_grow_with_rows(list_queries_constant, make_problem, make_user, citizen):
    def add(n):
        for _ in range(n):
            actor = make_user("official")
            problem = make_problem(author=make_user("citizen"))
            notification_emit(kind="problem_answered", recipients=[citizen], target=problem, actor=actor)

    list_queries_constant(reverse("notifications:index"), add, user=citizen)
