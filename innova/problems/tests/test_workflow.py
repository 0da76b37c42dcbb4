import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from innova.core.testing import OFFICIAL_OR_STAFF_ALLOWED
from innova.notifications.models import Notification
from innova.problems import services
from innova.problems.models import Problem, Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role,allowed", OFFICIAL_OR_STAFF_ALLOWED)
def test_who_may_move_the_status(request, make_problem, role, allowed):
    actor = request.getfixturevalue(role)
    problem = make_problem()
    if allowed:
        services.problem_change_status(actor=actor, problem=problem, to_status=Status.IN_REVIEW)
        problem.refresh_from_db()
        assert problem.status == Status.IN_REVIEW
    else:
        with pytest.raises(PermissionDenied):
            services.problem_change_status(actor=actor, problem=problem, to_status=Status.IN_REVIEW)


def test_citizen_changing_status_gets_403(client, citizen, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    response = client.post(reverse("problems:change_status", args=[problem.pk]), {"to_status": "in_review"})
    assert response.status_code == 403


def test_workflow_order_and_reasons_and_public_history(client, facilitator, make_problem):
    problem = make_problem()
    with pytest.raises(ValidationError):
        services.problem_change_status(actor=facilitator, problem=problem, to_status=Status.RESOLVED)
    with pytest.raises(ValidationError):
        services.problem_change_status(actor=facilitator, problem=problem, to_status=Status.REJECTED, reason=" ")
    for step in (Status.IN_REVIEW, Status.VALIDATED, Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED):
        services.problem_change_status(actor=facilitator, problem=problem, to_status=step, reason=f"paso {step}")
    with pytest.raises(ValidationError):  # final
        services.problem_change_status(actor=facilitator, problem=problem, to_status=Status.CLOSED, reason="x")
    history = list(problem.status_changes.values_list("to_status", "actor_id", "reason"))
    assert [h[0] for h in history] == ["reported", "in_review", "validated", "assigned", "in_progress", "resolved"]
    assert all(h[1] == facilitator.pk for h in history[1:])
    html = client.get(problem.get_absolute_url()).content.decode()
    assert "paso resolved" in html and facilitator.public_name in html


def test_duplicate_merges_supports_without_double_counting(make_user, make_problem, facilitator):
    original = make_problem(title="Original")
    duplicate = make_problem(title="Duplicado")
    both, only_dup, only_orig = make_user("citizen"), make_user("citizen"), make_user("citizen")
    for user in (both, only_orig):
        services.problem_support_set(user=user, problem=original, supported=True)
    for user in (both, only_dup):
        services.problem_support_set(user=user, problem=duplicate, supported=True)
    with pytest.raises(ValidationError):
        services.problem_change_status(actor=facilitator, problem=duplicate, to_status=Status.DUPLICATE, reason="igual")
    services.problem_change_status(
        actor=facilitator, problem=duplicate, to_status=Status.DUPLICATE, reason="Es el mismo", duplicate_of=original
    )
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert original.support_count == 3
    assert duplicate.duplicate_of == original and duplicate.status == Status.DUPLICATE


def test_followers_hear_about_status_and_answer_but_not_the_actor(
    make_user, make_problem, official, django_capture_on_commit_callbacks
):
    author = make_user("citizen")
    problem = make_problem(author=author)
    supporter = make_user("citizen")
    services.problem_support_set(user=supporter, problem=problem, supported=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.problem_change_status(actor=official, problem=problem, to_status=Status.IN_REVIEW)
        services.problem_answer(actor=official, problem=problem, body="Vamos a revisarlo esta semana.")
    for person in (author, supporter):
        kinds = sorted(Notification.objects.filter(recipient=person).values_list("kind", flat=True))
        assert kinds == ["problem_answered", "problem_status_changed"]
    assert not Notification.objects.filter(recipient=official).exists()


def test_answer_is_public_and_citizen_cannot_answer(client, citizen, official, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    assert client.post(reverse("problems:answer", args=[problem.pk]), {"body": "yo respondo"}).status_code == 403
    client.force_login(official)
    client.post(reverse("problems:answer", args=[problem.pk]), {"body": "La UMV hará el parcheo en diciembre."})
    problem.refresh_from_db()
    assert problem.answered_at is not None
    client.logout()
    assert "La UMV hará el parcheo en diciembre." in client.get(problem.get_absolute_url()).content.decode()


def test_working_days_skip_weekends():
    friday = datetime.datetime(2026, 11, 27, 10, tzinfo=datetime.UTC)
    assert services.add_working_days(friday, 1).weekday() == 0  # Monday
    # 8 December (Immaculate Conception) is a holiday in Colombia: the 15th working day is Monday 21.
    assert services.add_working_days(friday, 15) == datetime.datetime(2026, 12, 21, 10, tzinfo=datetime.UTC)


def test_threshold_starts_deadline_and_staff_see_overdue(client, settings, make_user, make_problem, official, citizen):
    settings.INNOVA_PROBLEM_SUPPORT_THRESHOLD = 3
    problem = make_problem()
    for _ in range(2):
        services.problem_support_set(user=make_user("citizen"), problem=problem, supported=True)
    problem.refresh_from_db()
    assert problem.answer_due_at is None
    services.problem_support_set(user=make_user("citizen"), problem=problem, supported=True)
    problem.refresh_from_db()
    assert problem.answer_due_at is not None and problem.answer_due_at > timezone.now()
    Problem.objects.filter(pk=problem.pk).update(answer_due_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(citizen)
    assert client.get(reverse("problems:pending")).status_code == 403
    client.force_login(official)
    html = client.get(reverse("problems:pending")).content.decode()
    assert problem.title in html


def test_pending_lists_come_a_page_at_a_time_most_urgent_first(client, make_problem, official):
    now = timezone.now()
    overdue = [make_problem(title=f"Vencido {n:02d}") for n in range(52)]
    for days_late, problem in enumerate(reversed(overdue), start=1):  # "Vencido 00" is the most overdue
        Problem.objects.filter(pk=problem.pk).update(answer_due_at=now - datetime.timedelta(days=days_late))
    waiting = make_problem(title="En plazo")
    Problem.objects.filter(pk=waiting.pk).update(answer_due_at=now + datetime.timedelta(days=3))
    client.force_login(official)
    html = client.get(reverse("problems:pending")).content.decode()
    assert '<span class="badge badge-red">52</span>' in html
    assert "Vencido 00" in html and "Vencido 49" in html and "Vencido 50" not in html
    assert "?vencidos=2#vencidos" in html and "En plazo" in html
    # The next page of overdue ones keeps the other list where it was.
    html = client.get(reverse("problems:pending"), {"vencidos": "2", "en_plazo": "1"}).content.decode()
    assert "Vencido 50" in html and "Vencido 51" in html and "Vencido 49" not in html
    assert "?en_plazo=1&amp;vencidos=1#vencidos" in html and "En plazo" in html
    assert client.get(reverse("problems:pending"), {"vencidos": "nada"}).status_code == 200
