"""XLSX: a cover sheet (who asked, when, parameters, the privacy rule), then one sheet per
dataset with the same columns as its CSV file."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from canopy_analytics.exports.cover import Provenance, cover_fields, rule_lines
from canopy_analytics.exports.datasets import Dataset, Report

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
    sheet.append(["Canopy walkthrough export"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for label, value in cover_fields(report, who):
        sheet.append([label, value])
    sheet.append([])
    sheet.append(["Privacy rule"])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for line in rule_lines(report):
        sheet.append(["", line])
    sheet.append([])
    sheet.append(["Sheets"])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    for dataset in report.datasets:
        sheet.append([dataset.name, dataset.description])
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 110
    for row in sheet.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(sheet: Any, dataset: Dataset) -> None:
    sheet.append(list(dataset.columns))
    for cell in sheet[1]:
        cell.font = BOLD
    for row in dataset.rows:
        sheet.append([row.get(column) for column in dataset.columns])
    sheet.freeze_panes = "A2"
