import pytest

from innova.notifications.services.emit import notification_emit
from innova.problems import services as problem_services


@pytest.fixture
def emit(django_capture_on_commit_callbacks):
    """emit(kind=…, recipients=…, …): notification_emit with its after-commit work (e-mail, bell) run."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return notification_emit(**kwargs)

    return run


@pytest.fixture
def answered_problem(make_user, make_problem, official, django_capture_on_commit_callbacks):
    """A problem with an author, two supporters and a plain follower, answered by an official.

    Returns (problem, {"author": …, "supporters": […], "follower": …, "bystander": …}).
    """
    author = make_user("citizen")
    problem = make_problem(author=author)
    supporters = [make_user("citizen"), make_user("citizen")]
    for supporter in supporters:
        problem_services.problem_support_set(user=supporter, problem=problem, supported=True)
    follower = make_user("citizen")
    problem_services.problem_follow_set(user=follower, problem=problem, following=True)
    people = {"author": author, "supporters": supporters, "follower": follower, "bystander": make_user("citizen")}
    return problem, people
