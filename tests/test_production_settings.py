"""Production-shaped settings: what the environment of the README's production recipe turns on."""

import os

import pytest

from tests.test_deploy import PRODUCTION_ENV, settings_in_a_fresh_process

POSTGRES = "postgres://innova:secret@db.invalid:5432/innova"
DATABASE_VARIABLES = {
    *("DB_POOL", "DB_POOL_MIN", "DB_POOL_MAX", "DB_POOL_TIMEOUT", "DB_CONN_MAX_AGE", "DB_PREPARED_STATEMENTS")
}


def _database_settings(**variables: str) -> dict:
    """settings.DATABASES['default'] as a fresh process sees it with the production variables (no connection)."""
    env = {k: v for k, v in os.environ.items() if k not in DATABASE_VARIABLES} | PRODUCTION_ENV | variables
    return settings_in_a_fresh_process(
        env,
        "{'engine': s.DATABASES['default']['ENGINE'], 'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'],"
        " 'pool': s.DATABASES['default'].get('OPTIONS', {}).get('pool'),"
        " 'prepared': s.DATABASES['default'].get('OPTIONS', {}).get('prepare_threshold'),"
        " 'server_side_binding': s.DATABASES['default'].get('OPTIONS', {}).get('server_side_binding')}",
    )


def test_hardening_05_production_settings_have_a_connection_pool_by_default():
    database = _database_settings(DATABASE_URL=POSTGRES)
    assert database["engine"] == "django.db.backends.postgresql"
    assert database["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10}
    assert database["conn_max_age"] == 0  # Django refuses persistent connections together with a pool


def test_hardening_05_the_pool_is_sized_from_the_environment_and_can_be_turned_off():
    sized = _database_settings(
        DATABASE_URL=POSTGRES, DB_POOL_MIN="4", DB_POOL_MAX="20", DB_POOL_TIMEOUT="5", DB_CONN_MAX_AGE="60"
    )
    assert sized["pool"] == {"min_size": 4, "max_size": 20, "timeout": 5}
    assert sized["conn_max_age"] == 0
    off = _database_settings(DATABASE_URL=POSTGRES, DB_POOL="0", DB_CONN_MAX_AGE="60")
    assert off["pool"] is None and off["conn_max_age"] == 60
    assert _database_settings(DATABASE_URL="")["pool"] is None  # SQLite has no pool


def test_postgresql_prepares_statements_unless_told_not_to():
    on = _database_settings(DATABASE_URL=POSTGRES)
    assert on["server_side_binding"] is True and on["prepared"] == 2
    off = _database_settings(DATABASE_URL=POSTGRES, DB_PREPARED_STATEMENTS="0")
    assert off["server_side_binding"] is None and off["prepared"] is None  # behind PgBouncer in transaction mode
    assert _database_settings(DATABASE_URL="")["prepared"] is None  # SQLite


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_query_run_again_on_a_connection_is_planned_once(make_problem):
    from django.db import connection

    from innova.problems.models import Problem

    problem = make_problem()
    for _ in range(3):
        assert Problem.objects.filter(pk=problem.pk, published_at__isnull=False).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "problems_problem"' in statement and "$1" in statement for statement in prepared)


@pytest.mark.django_db
def test_hardening_17_healthz_answers_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200  # what a load balancer sends, without X-Forwarded-Proto
    assert client.get("/").status_code == 301  # every other page still goes to HTTPS
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
