"""Course material files move from MEDIA_ROOT (served to anyone with the address) to the private storage."""

from django.db import migrations, models

import innova.core.files


def _names(apps):
    return apps.get_model("courses", "Material").objects.exclude(file="").values_list("file", flat=True)


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
        innova.core.files.files_move_to_private(_names),
    ]
