from django.db import migrations


def create_search_index(apps, schema_editor):
    # Spanish full-text index, PostgreSQL only; SQLite searches the stems column instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS course_search_fts ON courses_course "
            "USING gin (to_tsvector('spanish'::regconfig, search_text))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS course_search_fts")


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_search_text")]
    operations = [migrations.RunPython(create_search_index, drop_search_index)]
