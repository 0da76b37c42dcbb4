"""The squashed migrations (docs/DECISIONS.md, 52): one file per app, and a database migrated with the old chain
(commit b0c6984 and before) upgrades with nothing left to apply; a fresh one gets the same baseline rows."""

from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython
from django.db.migrations.recorder import MigrationRecorder

from innova.accounts.models import PolicyVersion
from innova.accounts.policy_text import SHIPPED
from innova.problems.models import Theme
from innova.problems.themes import THEMES
from innova.territory.geometry import zone_rows
from innova.territory.models import Upz

# Every migration of the chain before the squash, by app; each must be covered by a `replaces`.
OLD_CHAIN = {
    "accounts": ["0001_initial", "0002_policy_v1", "0003_administrators_not_superusers", "0004_policy_v1_1"],
    "agenda": ["0001_initial", "0002_search_text", "0003_search_index", "0004_search_vector"],
    "brainstorms": [
        "0001_initial",
        "0002_initial",
        "0003_search_text",
        "0004_search_vector",
        "0005_participant_flood_limits",
        "0006_card_hidden_by_moderation",
    ],
    "comments": ["0001_initial", "0002_content_types_follow_the_models"],
    "core": [
        "0001_initial",
        "0002_comment_flag",
        "0003_comment_votes",
        "0004_comment_verbose_name",
        "0005_comments_moved_to_their_app",
    ],
    "courses": [
        "0001_initial",
        "0002_search_text",
        "0003_search_index",
        "0004_search_vector",
        "0005_certificate_outlives_account",
        "0006_materials_private_storage",
    ],
    "debates": [
        "0001_initial",
        "0002_arguments_requests",
        "0003_search_text",
        "0004_search_vector",
        "0005_front_foreign_key",
    ],
    "notifications": ["0001_initial", "0002_follow", "0003_preferences_and_email"],
    "opendata": ["0001_initial", "0002_api_key_digest"],
    "opinions": ["0001_initial", "0002_statement_hidden_by_moderation"],
    "problems": [
        "0001_initial",
        "0002_themes_and_search_index",
        "0003_problem_client_key",
        "0004_search_vector",
        "0005_pending_answer_index",
        "0006_photos_private_storage",
        "0007_problem_place_description",
    ],
    "proposals": ["0001_initial", "0002_search_index", "0003_search_vector", "0004_pending_answer_index"],
    "territory": ["0001_initial", "0002_load_usme", "0003_upz_boundary", "0004_load_ideca_boundaries"],
    # Never squashed: one migration each already.
    "difficulties": ["0001_initial"],
    "fronts": ["0001_initial"],
    "intake": ["0001_initial"],
    "surveys": ["0001_initial"],
}
INNOVA_APPS = sorted(config.label for config in apps.get_app_configs() if config.name.startswith("innova."))


def _migration_files(label: str) -> list[str]:
    folder = Path(apps.get_app_config(label).path) / "migrations"
    return sorted(path.stem for path in folder.glob("0*.py"))


def test_every_app_has_one_migration_file():
    assert {label: len(_migration_files(label)) for label in INNOVA_APPS} == dict.fromkeys(INNOVA_APPS, 1)
    assert sorted(OLD_CHAIN) == INNOVA_APPS


@pytest.mark.parametrize("label", INNOVA_APPS)
def test_the_one_migration_stands_for_the_whole_old_chain(label):
    migration = MigrationLoader(None, ignore_no_migrations=True).disk_migrations[label, _migration_files(label)[0]]
    covered = [name for app, name in migration.replaces] or [migration.name]
    assert {app for app, name in migration.replaces} <= {label}
    assert covered == OLD_CHAIN[label]


def test_a_database_migrated_with_the_old_chain_has_nothing_to_apply():
    """What `manage.py migrate` sees on a deployment that ran every migration of the old chain."""
    others = {
        key for key in MigrationLoader(None, ignore_no_migrations=True).disk_migrations if key[0] not in OLD_CHAIN
    }
    old = others | {(label, name) for label, names in OLD_CHAIN.items() for name in names}
    with mock.patch.object(MigrationRecorder, "applied_migrations", lambda self: dict.fromkeys(old)):
        executor = MigrationExecutor(connection)
        executor.loader.check_consistent_history(connection)
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def _run_data_steps(label: str) -> None:
    """Run the data steps (RunPython) of an app's migration as a fresh `migrate` does, on the migration's state."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    key = (label, _migration_files(label)[0])
    state_apps = loader.project_state(key).apps
    for operation in loader.disk_migrations[key].operations:
        # Only its own steps: the search columns (core.search_index) need a schema editor and exist already.
        if isinstance(operation, RunPython) and operation.code.__module__.endswith(key[1]):
            operation.code(state_apps, None)


@pytest.mark.django_db
def test_a_fresh_database_gets_the_themes_the_upzs_and_the_policy_versions():
    Theme.objects.all().delete()
    Upz.objects.all().delete()
    PolicyVersion.objects.all().delete()
    for label in ("problems", "territory", "accounts"):
        _run_data_steps(label)
    assert list(Theme.objects.order_by("order").values_list("slug", "name")) == THEMES
    rows = zone_rows()
    assert {upz.code: upz.boundary for upz in Upz.objects.all()} == {
        code: row["boundary"] for code, row in rows.items()
    }
    assert list(PolicyVersion.objects.order_by("published_at").values_list("version", "body")) == [
        (version, body) for version, body, _published_at in SHIPPED
    ]
