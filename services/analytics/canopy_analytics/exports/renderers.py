"""The export formats: file name, media type and renderer of each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from canopy_analytics.exports.cover import Provenance
from canopy_analytics.exports.csv_zip import render_csv_zip
from canopy_analytics.exports.datasets import Report
from canopy_analytics.exports.edfi import render_edfi_json
from canopy_analytics.exports.parameters import CSV, EDFI_JSON, PDF, XLSX
from canopy_analytics.exports.pdf import render_pdf
from canopy_analytics.exports.xlsx import render_xlsx


@dataclass(frozen=True)
class Renderer:
    suffix: str
    media_type: str
    render: Callable[[Report, Provenance], bytes]

    def filename(self, export_id: str) -> str:
        return f"canopy-export-{export_id}{self.suffix}"


RENDERERS = {
    CSV: Renderer("-csv.zip", "application/zip", render_csv_zip),
    XLSX: Renderer(
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_xlsx,
    ),
    PDF: Renderer(".pdf", "application/pdf", render_pdf),
    EDFI_JSON: Renderer("-edfi.json", "application/json", render_edfi_json),
}
