"""Course material files move from MEDIA_ROOT (served to anyone with the address) to the private storage."""

from django.db import migrations, models

import innova.core.files


def _move(apps, *, source: str, target: str) -> None:
    from django.core.files.storage import storages

    material = apps.get_model("courses", "Material")
    names = material.objects.exclude(file="").values_list("file", flat=True)
    innova.core.files.files_move(names, source=storages[source], target=storages[target])


def to_private(apps, schema_editor):
    _move(apps, source="default", target="private")


def to_public(apps, schema_editor):
    _move(apps, source="private", target="default")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_certificate_outlives_account"),
    ]

    operations = [
        migrations.AlterField(
            model_name="material",
            name="file",
            field=models.FileField(
                blank=True, storage=innova.core.files.private_storage, upload_to="courses/materials/", verbose_name="file"
            ),
        ),
        migrations.RunPython(to_private, to_public, elidable=True),
    ]
