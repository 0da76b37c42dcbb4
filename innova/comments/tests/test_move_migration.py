"""The move of comments out of core (core.0005, comments.0001-0002) keeps every row and content type id."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0004_comment_verbose_name"), ("comments", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_a_comment_written_before_the_move_is_found_after_it():
    from django.contrib.contenttypes.models import ContentType

    old = _migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType")
    user = old.get_model("accounts", "User").objects.create(email="antes@example.org", display_name="Antes")
    comment_type = content_type.objects.get_or_create(app_label="core", model="comment")[0]
    user_type = content_type.objects.get_or_create(app_label="accounts", model="user")[0]
    comment = old.get_model("core", "Comment").objects.create(
        target_type=user_type, target_id=user.pk, author_id=user.pk, body="Escrito antes de la mudanza"
    )
    old.get_model("core", "Flag").objects.create(
        target_type=comment_type, target_id=comment.pk, user_id=user.pk, reason="Reporte previo"
    )

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    new = _migrate(latest)
    ContentType.objects.clear_cache()

    moved = new.get_model("comments", "Comment").objects.get(pk=comment.pk)
    assert moved.body == "Escrito antes de la mudanza"
    assert content_type.objects.get(pk=comment_type.pk).app_label == "comments"
    from innova.comments.models import Comment, Flag

    assert ContentType.objects.get_for_model(Comment).pk == comment_type.pk
    assert Flag.objects.get().target_type_id == comment_type.pk
    assert Comment.objects.get().author.email == "antes@example.org"
