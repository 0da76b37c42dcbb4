from django.db import migrations

from innova.core.search_index import search_vector_operation


class Migration(migrations.Migration):
    dependencies = [("debates", "0003_search_text")]
    operations = [search_vector_operation("debates_debate", replaces_index="debate_search_fts")]
