from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from innova.core.backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Restore the database from a file made by `manage.py backup` (replaces what is there now)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        connection.close()  # no open transaction of ours may hold locks while the data is replaced
        try:
            database_restore(settings_dict=connection.settings_dict, path=Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {options['file']}")
