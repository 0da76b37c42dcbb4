"""The Spanish full-text column of a searchable table, for its migrations (PostgreSQL only).

Every model that keeps ``search_text`` (see ``core.participation.search_fields``) gets, on PostgreSQL, a stored
generated column ``search_vector = to_tsvector('spanish', search_text)`` with a GIN index. The database keeps it
up to date on every insert and update, so a search compares ready vectors instead of recomputing
``to_tsvector`` for each candidate row (with 100,000 problems that recomputation was most of a search's time).
The models do not declare the column: SQLite has none and searches ``search_stems`` instead.

In a migration::

    operations = [search_vector_operation("proposals_proposal", replaces_index="proposal_search_fts")]
"""

from django.db import migrations


def search_vector_operation(table: str, *, replaces_index: str = "") -> migrations.RunPython:
    index = f"{table}_search_vector"

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        if replaces_index:
            schema_editor.execute(f"DROP INDEX IF EXISTS {replaces_index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('spanish'::regconfig, search_text)) STORED"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_vector)")

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
        if replaces_index:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {replaces_index} ON {table} "
                "USING gin (to_tsvector('spanish'::regconfig, search_text))"
            )

    return migrations.RunPython(forward, backward, elidable=False)
