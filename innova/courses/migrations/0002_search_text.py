from django.db import migrations, models

from innova.core.participation import search_fields


def fill_search_text(apps, schema_editor):
    Course = apps.get_model("courses", "Course")
    for course in Course.objects.only("pk", "title", "summary", "description").iterator():
        Course.objects.filter(pk=course.pk).update(**search_fields(course.title, course.summary, course.description))


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="course", name="search_stems", field=models.TextField(blank=True, editable=False)
        ),
        migrations.AddField(
            model_name="course", name="search_text", field=models.TextField(blank=True, editable=False)
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
