"""Rows written as a CSV or XLSX file, a chunk at a time, so a district's whole history never
sits in memory as one string. Every text cell a spreadsheet could read as a formula is
neutralised (`canopy_shared.spreadsheet_cells`), as analytics' exports do."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from canopy_shared.spreadsheet_cells import safe_cell

CHUNK_BYTES = 64 * 1024
CSV_MEDIA_TYPE = "text/csv"  # Flask adds "; charset=utf-8" to a text type
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Walkthroughs"


def csv_chunks(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, which Excel needs to read accents in names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(c)) for c in columns])
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def xlsx_chunks(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A write-only workbook (rows go to disk as they come), then the file read back in chunks:
    an XLSX is a zip whose directory is written last."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    sheet.append(list(columns))
    for row in rows:
        sheet.append([_xlsx_value(row.get(c)) for c in columns])
    with tempfile.TemporaryFile() as spool:
        book.save(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    return safe_cell(value)


def _xlsx_value(value: Any) -> Any:
    value = safe_cell(value)
    if isinstance(value, str):
        # Control characters XML cannot hold would fail the whole workbook: shown as U+FFFD.
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value
