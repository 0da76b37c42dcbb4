"""The real Pol.is conversations the opinion-map tests use, kept in tests/data/polis/ (CC BY 4.0, see its README)."""

from pathlib import Path

import pytest

POLIS_DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "polis"
BREXIT = "brexit-consensus"
LAND_BANK = "ssis.land-bank-farmland.2rumnecbeh.2021-08-01"


def polis_conversation(name: str) -> Path:
    """The folder of one conversation; a test that needs it fails (never skips) when the data is missing."""
    directory = POLIS_DATA / name
    for file in ("comments.csv", "participants-votes.csv"):
        if not (directory / file).is_file():
            pytest.fail(f"Pol.is data missing: {directory / file} (it is part of the repository, tests/data/polis/)")
    return directory
