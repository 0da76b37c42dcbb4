from django.db import migrations


def create_search_index(apps, schema_editor):
    # Spanish full-text index, PostgreSQL only; SQLite searches the stems column instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS event_search_fts ON agenda_event "
            "USING gin (to_tsvector('spanish'::regconfig, search_text))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS event_search_fts")


class Migration(migrations.Migration):
    dependencies = [("agenda", "0002_search_text")]
    operations = [migrations.RunPython(create_search_index, drop_search_index)]
