"""Fill empty msgstr entries of the project's Spanish catalogues from a dictionary module.

Usage: python tools/apply_translations.py tools/es_foundation.py [more modules...]
Each module defines ``ES = {msgid: msgstr}``;
a plural entry takes a (singular, plural) pair. Existing translations are never overwritten.
"""

import runpy
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(modules: list[str]) -> None:
    table: dict[str, str] = {}
    for module in modules:
        table.update(runpy.run_path(module)["ES"])
    for po_path in sorted(ROOT.glob("innova/**/locale/es/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(po_path))
        changed = 0
        for entry in catalogue:
            if entry.obsolete or entry.translated():
                continue
            if entry.msgid in table:
                value = table[entry.msgid]
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: value[0], 1: value[1]}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                changed += 1
        if changed:
            catalogue.save()
        missing = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
        print(f"{po_path.relative_to(ROOT)}: {changed} filled, {len(missing)} missing")
        for msgid in missing:
            print("   ", repr(msgid))


if __name__ == "__main__":
    main(sys.argv[1:])
