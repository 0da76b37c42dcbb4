from django.db import migrations, models

from innova.core.participation import search_fields


def fill_search_text(apps, schema_editor):
    Board = apps.get_model("brainstorms", "Board")
    for board in Board.objects.only("pk", "prompt").iterator():
        Board.objects.filter(pk=board.pk).update(**search_fields(board.prompt))


def create_search_index(apps, schema_editor):
    # Spanish full-text index, PostgreSQL only; SQLite searches the stems column instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS board_search_fts ON brainstorms_board "
            "USING gin (to_tsvector('spanish'::regconfig, search_text))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS board_search_fts")


class Migration(migrations.Migration):
    dependencies = [("brainstorms", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="board",
            name="search_stems",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="board",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
