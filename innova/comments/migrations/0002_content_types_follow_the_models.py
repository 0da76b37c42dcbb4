"""The content types of the moved models change app label (core → comments) in place: their ids stay, so the
permissions, notifications, flags and audit rows that point at them keep working."""

from django.db import migrations

MODELS = ("comment", "commentvote", "flag")


def _relabel(apps, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if content_type.objects.filter(app_label=new, model=model).exists():
            continue  # already there (a database created after the move): nothing to carry over
        content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _relabel(apps, "core", "comments")


def backwards(apps, schema_editor):
    _relabel(apps, "comments", "core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
