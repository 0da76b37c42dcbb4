"""``Debate.front_id`` was a plain integer "until the fronts app lands"; it becomes a foreign key to ``fronts.Front``.

The column keeps its name (``front_id``): numbers of fronts that do not exist are emptied first, then the column
is renamed in the state only, and altered into a foreign key (type, constraint, index).
"""

import django.db.models.deletion
from django.db import migrations, models


def orphans_clear(apps, schema_editor):
    Debate = apps.get_model("debates", "Debate")
    Front = apps.get_model("fronts", "Front")
    Debate.objects.filter(front_id__isnull=False).exclude(front_id__in=Front.objects.values("pk")).update(
        front_id=None
    )


class Migration(migrations.Migration):
    dependencies = [("debates", "0004_search_vector"), ("fronts", "0001_initial")]

    operations = [
        migrations.RunPython(orphans_clear, migrations.RunPython.noop),
        migrations.AlterField(
            "debate", "front_id", models.PositiveIntegerField(null=True, blank=True, db_column="front_id")
        ),
        migrations.RenameField("debate", "front_id", "front"),
        migrations.AlterField(
            "debate",
            "front",
            models.ForeignKey(
                "fronts.Front",
                null=True,
                blank=True,
                db_column="front_id",
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="debates",
            ),
        ),
        migrations.AlterField(
            "debate",
            "front",
            models.ForeignKey(
                "fronts.Front",
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="debates",
            ),
        ),
    ]
