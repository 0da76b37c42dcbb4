from django.db import migrations

from innova.core.search_index import search_vector_operation


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_search_index")]
    operations = [search_vector_operation("courses_course", replaces_index="course_search_fts")]
