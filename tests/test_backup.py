"""Backups round-trip: data made, backed up, changed and deleted, restored, and it is all back."""

import sqlite3
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from innova.core.backup import BackupError, database_backup, database_restore


def test_sqlite_file_database_round_trip(tmp_path):
    db = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "innova.sqlite3"}
    with sqlite3.connect(db["NAME"]) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE problem (id INTEGER PRIMARY KEY, title TEXT)")
        conn.executemany("INSERT INTO problem (title) VALUES (?)", [("Hueco en Yomasa",), ("Basuras en Betania",)])
    backup = database_backup(settings_dict=db, path=tmp_path / "backups" / "copia.sqlite3")
    with sqlite3.connect(db["NAME"]) as conn:
        conn.execute("DELETE FROM problem WHERE title LIKE 'Hueco%'")
        conn.execute("UPDATE problem SET title = 'cambiado'")
        conn.execute("CREATE TABLE extra (x)")
    database_restore(settings_dict=db, path=backup)
    with sqlite3.connect(db["NAME"]) as conn:
        rows = conn.execute("SELECT title FROM problem ORDER BY id").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert rows == [("Hueco en Yomasa",), ("Basuras en Betania",)]
    assert "extra" not in tables


def test_restore_of_a_missing_file_is_refused(tmp_path):
    with pytest.raises(BackupError):
        database_restore(settings_dict={"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "x"}, path="nada")


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_round_trip_through_the_commands(tmp_path, settings):
    import psycopg

    base = connection.settings_dict
    name = f"innova_backup_test_{uuid.uuid4().hex[:10]}"
    params = {k: base[v] for k, v in (("host", "HOST"), ("port", "PORT"), ("user", "USER"), ("password", "PASSWORD"))}
    params = {k: v for k, v in params.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(dbname=name, autocommit=True, **params) as conn:
            conn.execute("CREATE TABLE problem (id serial PRIMARY KEY, title text)")
            conn.execute("INSERT INTO problem (title) VALUES ('Hueco en Yomasa'), ('Basuras en Betania')")
        settings.DATABASES = {**settings.DATABASES, "throwaway": {**base, "NAME": name}}
        from django.db import connections

        connections.settings = connections.configure_settings(settings.DATABASES)
        out = tmp_path / "copia.dump"
        call_command("backup", "--database", "throwaway", "--output", str(out))
        assert out.stat().st_size > 0
        with psycopg.connect(dbname=name, autocommit=True, **params) as conn:
            conn.execute("DELETE FROM problem WHERE title LIKE 'Hueco%'")
            conn.execute("UPDATE problem SET title = 'cambiado'")
        call_command("restore", str(out), "--database", "throwaway")
        with psycopg.connect(dbname=name, autocommit=True, **params) as conn:
            rows = conn.execute("SELECT title FROM problem ORDER BY id").fetchall()
        assert rows == [("Hueco en Yomasa",), ("Basuras en Betania",)]
    finally:
        connections["throwaway"].close()
        del connections.settings["throwaway"]
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
