"""Reading settings from environment variables: an unset or empty variable means the default."""

import os
from pathlib import Path

import dj_database_url


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def database_from_env(*, sqlite_path: Path) -> dict:
    """``DATABASE_URL`` (an SQLite file beside the project when unset), tuned for each engine."""
    database = dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{sqlite_path}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        # Also makes the connection pool check a connection before handing it out: after a database restart
        # the site heals by itself (bench/faults.py).
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL + a busy timeout let the embedded default take concurrent writes without "database is locked".
        database["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    is_postgres = database["ENGINE"].startswith("django.db.backends.postgresql")
    if is_postgres and env_bool("DB_POOL", True) and env_int("DB_POOL_MAX", 10) > 0:
        # On by default (DB_POOL=0 turns it off). ASGI servers run views in a thread pool: without a pool each
        # thread holds its own connection and a burst of requests runs PostgreSQL out of max_connections ("too many
        # clients"); with one, each process holds at most DB_POOL_MAX and the rest wait up to DB_POOL_TIMEOUT
        # seconds. Size it so that processes × DB_POOL_MAX (+ Celery) stays under max_connections. A pool needs
        # CONN_MAX_AGE 0.
        database["CONN_MAX_AGE"] = 0
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(env_int("DB_POOL_MIN", 2), env_int("DB_POOL_MAX", 10)),
            "max_size": env_int("DB_POOL_MAX", 10),
            "timeout": env_int("DB_POOL_TIMEOUT", 10),
        }
    if is_postgres and env_bool("DB_PREPARED_STATEMENTS", True):
        # A page's query is planned once per connection, then run as a prepared statement: PostgreSQL's planning
        # was most of a detail page's query time (0.6 of 0.7 ms). Needs server-side binding (parameters sent apart
        # from the SQL, so one statement serves every id); Django's own pool keeps connections, and with them the
        # statements. Turn off (DB_PREPARED_STATEMENTS=0) behind a pooler in transaction mode (PgBouncer).
        database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
    return database
