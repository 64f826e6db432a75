"""CSV: one tidy file per dataset, with the manifest and the privacy rule, in one zip. Text
cells a spreadsheet would read as a formula are neutralised (`cells.safe_cell`)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from canopy_analytics.exports.cover import Provenance, cover_fields, manifest, rule_lines
from canopy_analytics.exports.datasets import Dataset, Report
from canopy_shared.spreadsheet_cells import safe_cell


def render_csv_zip(report: Report, who: Provenance) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(report, who))
        archive.writestr("manifest.json", json.dumps(manifest(report, who), indent=2))
        for dataset in report.datasets:
            archive.writestr(f"{dataset.name}.csv", dataset_csv(dataset))
    return buffer.getvalue()


def dataset_csv(dataset: Dataset) -> str:
    out = io.StringIO()
    # RFC 4180's CRLF: the csv module then quotes every field holding a \r or \n. With "\n"
    # alone a bare \r stayed unquoted, and a spreadsheet starts a new row (and a new cell a
    # formula could begin) there.
    writer = csv.DictWriter(out, fieldnames=list(dataset.columns), lineterminator="\r\n")
    writer.writeheader()
    for row in dataset.rows:
        writer.writerow({c: _cell(row.get(c)) for c in dataset.columns})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else safe_cell(value)


def _readme(report: Report, who: Provenance) -> str:
    lines = ["Canopy walkthrough export", ""]
    lines += [f"{label}: {value}" for label, value in cover_fields(report, who)]
    lines += ["", "PRIVACY RULE", *rule_lines(report), "", "FILES"]
    lines += [f"{d.name}.csv: {d.description}" for d in report.datasets]
    lines += [
        "",
        "A suppressed cell has suppressed=true, its reason, and no figures. Shares are coded "
        "as the rule says (e.g. <5%, ≥95%); share_value is empty when coded.",
    ]
    return "\n".join(lines) + "\n"
