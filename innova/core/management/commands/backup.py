from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from innova.core.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the database to a file (pg_dump -Fc on PostgreSQL, the SQLite backup API on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: backups/innova-<date>.<dump|sqlite3>)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        settings_dict = connections[options["database"]].settings_dict
        suffix = "sqlite3" if settings_dict["ENGINE"].endswith("sqlite3") else "dump"
        default = Path(settings.BASE_DIR) / "backups" / f"innova-{timezone.now():%Y%m%d-%H%M%S}.{suffix}"
        try:
            path = database_backup(settings_dict=settings_dict, path=Path(options["output"] or default))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
