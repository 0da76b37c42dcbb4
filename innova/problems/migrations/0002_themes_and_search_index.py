from django.db import migrations

THEMES = [
    ("movilidad", "Movilidad"),
    ("seguridad", "Seguridad"),
    ("ambiente", "Ambiente"),
    ("espacio-publico", "Espacio público"),
    ("salud", "Salud"),
    ("educacion", "Educación"),
    ("empleo", "Empleo"),
    ("cultura-y-deporte", "Cultura y deporte"),
    ("servicios-publicos", "Servicios públicos"),
    ("convivencia", "Convivencia"),
    ("otro", "Otro"),
]


def load_themes(apps, schema_editor):
    Theme = apps.get_model("problems", "Theme")
    for order, (slug, name) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def create_search_index(apps, schema_editor):
    # Spanish full-text index, PostgreSQL only; SQLite searches the stems column instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS problem_search_fts ON problems_problem "
            "USING gin (to_tsvector('spanish'::regconfig, search_text))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS problem_search_fts")


class Migration(migrations.Migration):
    dependencies = [("problems", "0001_initial")]
    operations = [
        migrations.RunPython(load_themes, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
