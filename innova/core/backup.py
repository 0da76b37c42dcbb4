"""Back up and restore the database: ``pg_dump -Fc`` / ``pg_restore`` on PostgreSQL, the SQLite backup API on the
embedded default (a consistent copy even while the site writes, no ``sqlite3`` binary needed).

Uploaded files (MEDIA_ROOT and PRIVATE_MEDIA_ROOT) are not in the database: copy those folders with the server's own
file backups.
"""

import os
import sqlite3
import subprocess  # pg_dump/pg_restore with an argument list, never a shell  # nosec B404
from pathlib import Path


class BackupError(Exception):
    pass


def _engine(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Unsupported database engine: {engine}")


def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])  # env, not argv: `ps` would show it
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # fixed argv, no shell  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()[:2000]}")


def database_backup(*, settings_dict: dict, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if _engine(settings_dict) == "sqlite":
        source = sqlite3.connect(str(settings_dict["NAME"]))
        target = sqlite3.connect(str(path))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        args, env = _pg_args(settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args], env)
    return path


def database_restore(*, settings_dict: dict, path: Path) -> None:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}")
    if _engine(settings_dict) == "sqlite":
        source = sqlite3.connect(str(path))
        target = sqlite3.connect(str(settings_dict["NAME"]))
        try:
            source.backup(target)  # replaces every page of the target: tables and rows as they were
        finally:
            target.close()
            source.close()
    else:
        args, env = _pg_args(settings_dict)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(path)], env)
