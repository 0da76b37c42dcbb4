import pytest
from django.apps import apps
from django.db import connection

from innova.core.participation import search_fields, text_search

SEARCHABLE = [model for model in apps.get_models() if any(f.name == "search_text" for f in model._meta.fields)]


@pytest.mark.postgres(reason="the generated column exists on PostgreSQL only")
@pytest.mark.django_db
@pytest.mark.parametrize("model", SEARCHABLE, ids=lambda model: model._meta.label)
def test_every_searchable_table_has_its_indexed_search_vector(model):
    """A model that keeps ``search_text`` needs ``core.search_index.search_vector_operation`` in a migration."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT is_generated FROM information_schema.columns"
            " WHERE table_name = %s AND column_name = 'search_vector'",
            [table],
        )
        assert cursor.fetchone() == ("ALWAYS",), f"{table} has no generated search_vector column"
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        assert any("gin (search_vector)" in row[0] for row in cursor.fetchall()), f"{table}.search_vector: no GIN"


@pytest.mark.postgres(reason="the generated column exists on PostgreSQL only")
@pytest.mark.django_db
def test_the_vector_follows_every_edit(make_problem):
    from innova.problems.models import Problem

    problem = make_problem(title="Basuras en el parque")
    assert text_search(Problem.objects.all(), "basura").filter(pk=problem.pk).exists()
    Problem.objects.filter(pk=problem.pk).update(**search_fields("Árboles caídos en la vía"))
    assert text_search(Problem.objects.all(), "arboles").filter(pk=problem.pk).exists()
    assert not text_search(Problem.objects.all(), "basura").filter(pk=problem.pk).exists()
