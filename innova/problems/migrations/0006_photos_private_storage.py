"""Problem photos move from MEDIA_ROOT (served to anyone with the address) to the private storage."""

from django.db import migrations, models

import innova.core.files
import innova.problems.models


def _move(apps, *, source: str, target: str) -> None:
    from django.core.files.storage import storages

    photo = apps.get_model("problems", "ProblemPhoto")
    names = [name for pair in photo.objects.values_list("image", "thumbnail") for name in pair]
    innova.core.files.files_move(names, source=storages[source], target=storages[target])


def to_private(apps, schema_editor):
    _move(apps, source="default", target="private")


def to_public(apps, schema_editor):
    _move(apps, source="private", target="default")


class Migration(migrations.Migration):
    dependencies = [
        ("problems", "0005_pending_answer_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="problemphoto",
            name="image",
            field=models.ImageField(
                storage=innova.core.files.private_storage, upload_to=innova.problems.models.photo_path
            ),
        ),
        migrations.AlterField(
            model_name="problemphoto",
            name="thumbnail",
            field=models.ImageField(
                storage=innova.core.files.private_storage, upload_to=innova.problems.models.photo_path
            ),
        ),
        migrations.RunPython(to_private, to_public, elidable=True),
    ]
