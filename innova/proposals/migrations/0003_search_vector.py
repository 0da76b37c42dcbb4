from django.db import migrations

from innova.core.search_index import search_vector_operation


class Migration(migrations.Migration):
    dependencies = [("proposals", "0002_search_index")]
    operations = [search_vector_operation("proposals_proposal", replaces_index="proposal_search_fts")]
