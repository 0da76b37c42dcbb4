"""core.fragments.instance_kept: a model instance read once for every reader, and a copy of its own for each."""

import pytest

from innova.core.fragments import instance_kept
from innova.core.pagecache import domains_version, pages_changed

pytestmark = pytest.mark.django_db


def test_one_read_for_every_reader_and_a_copy_of_its_own_for_each(make_problem, django_assert_num_queries):
    from innova.problems.models import Problem

    problem = make_problem(title="Alumbrado en Danubio")

    def kept():
        parts = ["test-problem", str(problem.pk), domains_version("problems")]
        return instance_kept(parts, lambda: Problem.objects.select_related("theme").get(pk=problem.pk))

    first = kept()
    with django_assert_num_queries(0):
        second, third = kept(), kept()
        assert second.theme == first.theme  # what was selected with it comes along
    assert second == third == problem and second is not third
    second.title = "Cambiado por otra petición"
    assert third.title == kept().title == "Alumbrado en Danubio"


def test_a_new_version_reads_again_and_nothing_is_kept_for_none(make_problem, django_assert_num_queries):
    from innova.problems.models import Problem

    problem = make_problem(title="Antes")

    def kept(pk):
        parts = ["test-problem", str(pk), domains_version("problems")]
        return instance_kept(parts, Problem.objects.filter(pk=pk).first)

    kept(problem.pk)
    Problem.objects.filter(pk=problem.pk).update(title="Después")  # behind the ORM's back: no version renewed
    assert kept(problem.pk).title == "Antes"
    pages_changed("problems")
    assert kept(problem.pk).title == "Después"
    kept(0)
    with django_assert_num_queries(1):
        assert kept(0) is None
