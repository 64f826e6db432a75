"""Cells a spreadsheet opens as data, never as a formula (OWASP "CSV Injection").

Names in an export come from other people (a district admin names the district, a template
author its indicators): a name such as `=HYPERLINK("http://…"&A1,"Click")` would run in the
reader's spreadsheet. Every text cell that a spreadsheet could read as a formula is prefixed
with `'`, which Excel, LibreOffice and Google Sheets all show as text; numbers and booleans the
export writes itself are left as they are. Every CSV and XLSX writer calls `safe_cell`:
analytics' exports and intake's download of the district's own walkthroughs.
"""

from __future__ import annotations

from typing import Any

# OWASP's list (= + - @ tab carriage return), and the full-width forms some spreadsheets also
# read as a formula's start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
TEXT_PREFIX = "'"


def safe_text(text: str) -> str:
    """`text`, prefixed with `'` when a spreadsheet would read it as a formula."""
    return TEXT_PREFIX + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: Any) -> Any:
    """A cell value as written: text neutralised, anything else unchanged."""
    return safe_text(value) if isinstance(value, str) else value
