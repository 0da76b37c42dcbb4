from django.db import migrations

from innova.core.search_index import search_vector_operation


class Migration(migrations.Migration):
    dependencies = [("brainstorms", "0003_search_text")]
    operations = [search_vector_operation("brainstorms_board", replaces_index="board_search_fts")]
