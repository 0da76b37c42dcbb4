"""Problem photos move from MEDIA_ROOT (served to anyone with the address) to the private storage."""

from django.db import migrations, models

import innova.core.files
import innova.problems.models


def _names(apps):
    photo = apps.get_model("problems", "ProblemPhoto")
    return [name for pair in photo.objects.values_list("image", "thumbnail") for name in pair]


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
        innova.core.files.files_move_to_private(_names),
    ]
