from django.db import migrations

from innova.core.search_index import search_vector_operation


class Migration(migrations.Migration):
    dependencies = [("problems", "0003_problem_client_key")]
    operations = [search_vector_operation("problems_problem", replaces_index="problem_search_fts")]
