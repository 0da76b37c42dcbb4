from django.db import migrations, models

from innova.core.participation import search_fields


def fill_search_text(apps, schema_editor):
    Debate = apps.get_model("debates", "Debate")
    for debate in Debate.objects.only("pk", "title", "context", "conclusion").iterator():
        Debate.objects.filter(pk=debate.pk).update(**search_fields(debate.title, debate.context, debate.conclusion))


def create_search_index(apps, schema_editor):
    # Spanish full-text index, PostgreSQL only; SQLite searches the stems column instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS debate_search_fts ON debates_debate "
            "USING gin (to_tsvector('spanish'::regconfig, search_text))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS debate_search_fts")


class Migration(migrations.Migration):
    dependencies = [("debates", "0002_arguments_requests")]

    operations = [
        migrations.AddField(
            model_name="debate",
            name="search_stems",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="debate",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
