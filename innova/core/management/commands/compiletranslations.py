"""Compile every .po file of the project into .mo, in pure Python (no GNU gettext needed).

`make run` must work on a fresh machine without gettext installed; makemessages (for developers)
still needs it.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def po_files() -> list[Path]:
    root = Path(settings.BASE_DIR) / "innova"
    return sorted(root.glob("**/locale/*/LC_MESSAGES/django.po"))


class Command(BaseCommand):
    help = "Compile the project's .po translation files to .mo (pure Python)."

    def handle(self, *args, **options):
        for po_path in po_files():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        self.stdout.write(f"{len(po_files())} translation catalogues compiled.")
