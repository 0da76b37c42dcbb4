"""Spanish first: every translatable string has a reviewed Spanish translation."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("innova/**/locale/es/LC_MESSAGES/django.po"))


def test_there_are_spanish_catalogues():
    assert len(CATALOGUES) >= 4


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_reviewed(po_path):
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags and not entry.obsolete]
    assert not missing, f"Untranslated in {po_path.name}: {missing[:10]}"
    assert not fuzzy, f"Fuzzy in {po_path.name}: {fuzzy[:10]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is needed to extract strings")
def test_no_string_is_missing_from_the_catalogues(tmp_path):
    """Extract the strings again into a copy of the tree: no new msgid may appear."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "test-artifacts", "staticfiles", ".git", "*.pyc", "media"
        ),
        symlinks=True,
    )
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "--no-location",
            "--ignore=.venv",
            "--ignore=node_modules",
            "--ignore=bench",
            "--ignore=test-artifacts",
            "--ignore=staticfiles",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "innova.settings"},
    )
    problems = []
    for po_path in copy.glob("innova/**/locale/es/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_path)):
            if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags):
                problems.append(f"{po_path.relative_to(copy)}: {entry.msgid!r}")
    assert not problems, "Run `make messages` and translate:\n" + "\n".join(problems[:30])


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_plural_entries_fill_every_spanish_form(po_path):
    """es-CO has three plural forms (1, millions, the rest): a missing one shows English, e.g. "37 problems"."""
    catalogue = polib.pofile(str(po_path))
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    short = [e.msgid for e in catalogue if e.msgid_plural and not e.obsolete and len(e.msgstr_plural) < forms]
    assert not short, f"Plural entries with fewer than {forms} forms in {po_path.name}: {short[:10]}"
