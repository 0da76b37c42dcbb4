from django.db import migrations, models

from innova.core.participation import search_fields


def fill_search_text(apps, schema_editor):
    Event = apps.get_model("agenda", "Event")
    for event in Event.objects.only("pk", "title", "description", "place_name").iterator():
        Event.objects.filter(pk=event.pk).update(**search_fields(event.title, event.description, event.place_name))


class Migration(migrations.Migration):
    dependencies = [("agenda", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="event", name="search_stems", field=models.TextField(blank=True, editable=False)
        ),
        migrations.AddField(
            model_name="event", name="search_text", field=models.TextField(blank=True, editable=False)
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
