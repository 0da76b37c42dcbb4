from django.db import migrations

from innova.core.search_index import search_vector_operation


class Migration(migrations.Migration):
    dependencies = [("agenda", "0003_search_index")]
    operations = [search_vector_operation("agenda_event", replaces_index="event_search_fts")]
