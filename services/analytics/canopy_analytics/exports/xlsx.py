"""XLSX: a cover sheet (who asked, when, parameters, the privacy rule), then one sheet per
dataset with the same columns as its CSV file. Every text cell is written as text (never a
formula), neutralised as in the CSV (`cells.safe_cell`)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from canopy_analytics.exports.cover import Provenance, cover_fields, rule_lines
from canopy_analytics.exports.datasets import Dataset, Report
from canopy_shared.spreadsheet_cells import safe_cell

BOLD = Font(bold=True)


def render_xlsx(report: Report, who: Provenance) -> bytes:
    book = Workbook()
    cover = book.active
    assert cover is not None  # a new workbook has one sheet
    cover.title = "Cover"
    _cover(cover, report, who)
    for dataset in report.datasets:
        _sheet(book.create_sheet(dataset.name[:31]), dataset)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cover(sheet: Any, report: Report, who: Provenance) -> None:
    _append(sheet, ["Canopy walkthrough export"])
    sheet["A1"].font = Font(bold=True, size=14)
    _append(sheet, [])
    for label, value in cover_fields(report, who):
        _append(sheet, [label, value])
    _append(sheet, [])
    _append(sheet, ["Privacy rule"])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for line in rule_lines(report):
        _append(sheet, ["", line])
    _append(sheet, [])
    _append(sheet, ["Sheets"])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for dataset in report.datasets:
        _append(sheet, [dataset.name, dataset.description])
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 110
    for row in sheet.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _append(sheet: Any, values: list[Any]) -> None:
    """One row, its text cells typed as strings: openpyxl would store text starting with `=`
    as a live formula."""
    sheet.append([_value(v) for v in values])
    if not values:
        return
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _value(value: Any) -> Any:
    value = safe_cell(value)
    if isinstance(value, str):
        # Control characters XML cannot hold would fail the whole workbook: shown as U+FFFD.
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _sheet(sheet: Any, dataset: Dataset) -> None:
    _append(sheet, list(dataset.columns))
    for cell in sheet[1]:
        cell.font = BOLD
    for row in dataset.rows:
        _append(sheet, [row.get(column) for column in dataset.columns])
    sheet.freeze_panes = "A2"
