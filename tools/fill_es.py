"""Fill empty Spanish entries of the given catalogues from ES dictionaries, with all three es-CO plural forms.

Usage: python tools/fill_es.py tools/es_agenda.py -- innova/agenda/locale/es/LC_MESSAGES/django.po [...]
"""

import runpy
import sys

import polib

modules, catalogues = sys.argv[1 : sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1 :]
table = {}
for module in modules:
    table.update(runpy.run_path(module)["ES"])
for path in catalogues:
    catalogue = polib.pofile(path)
    for entry in catalogue:
        if entry.obsolete or entry.msgid not in table:
            continue
        if entry.translated() and "fuzzy" not in entry.flags:
            continue
        value = table[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0], 1: value[1], 2: value[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save()
    missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    print(path, "missing:", missing)
