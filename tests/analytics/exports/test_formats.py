"""Each export format for a seeded network, read back and checked against the region API's own
answers for the same parameters; no canary (names, emails, ids, notes) and no teacher pseudonym
in any file."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pypdfium2
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import canopy_analytics.exports
from canopy_analytics.exports.edfi import edfi_id
from tests.analytics.exports.conftest import (
    CANARY_EMAILS,
    CANARY_NAMES,
    CANARY_NOTE,
    CANARY_TEACHER_ID,
    download,
    run_export,
    texts_of,
)

pytestmark = pytest.mark.integration
SCHEMA = Path(canopy_analytics.exports.__file__).parent / "edfi_schema.json"
RANGE = "start=2026-06-29&end=2027-06-27"  # the school year 2026-2027 in whole months


@pytest.fixture
def region_export(app, seeded, as_region) -> dict[str, Any]:
    job = run_export(app, as_region(seeded.region), {"period": "school_year:2026-2027"})
    assert job["status"] == "succeeded", job
    headers = as_region(seeded.region)
    return {
        "job": job,
        "files": {f["format"]: download(app, headers, job, f["format"]) for f in job["files"]},
    }


def api(client, headers, path: str) -> dict[str, Any]:
    answer = client.get(path, headers=headers)
    assert answer.status_code == 200, answer.json
    return dict(answer.json)


def csv_tables(content: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.DictReader(io.StringIO(archive.read(name).decode()))
            )
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def xlsx_tables(content: bytes) -> dict[str, list[dict[str, str]]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    tables = {}
    for sheet in book.worksheets[1:]:
        header, *rows = list(sheet.iter_rows(values_only=True))
        tables[sheet.title] = [
            {h: "" if v is None else _text(v) for h, v in zip(header, row, strict=True)}
            for row in rows
        ]
    return tables


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _num(text: str) -> float | None:
    return None if text == "" else float(text)


def assert_rating_row(row: dict[str, str], cell: dict[str, Any]) -> None:
    """One exported rating row says exactly what the API's cell says."""
    assert row["suppressed"] == _text(cell["suppressed"])
    if cell["suppressed"]:
        assert row["suppression_reasons"] == ";".join(cell["reasons"])
        assert (row["n_ratings"], row["mean_rating"], row["share_at_or_above"]) == ("", "", "")
        return
    assert _num(row["n_ratings"]) == cell["n"]
    assert _num(row["teachers_observed"]) == cell["teachers"]
    assert _num(row["mean_rating"]) == cell["mean_rating"]
    assert row["share_at_or_above"] == ((cell["share"] or {}).get("display") or "")


def check_against_api(tables, client, headers, seeded) -> None:
    trends = {(r["org"], r["indicator"], r["period"]): r for r in tables["indicator_trends"]}
    for district in (None, *seeded.districts):
        query = f"/v1/trends?template_id={seeded.template}&granularity=month&{RANGE}"
        answer = api(client, headers, query + (f"&district_id={district}" if district else ""))
        for series in answer["series"]:
            for point in series["points"]:
                row = trends.pop((answer["org"], series["indicator"], point["period"]))
                assert_rating_row(row, point)
    assert trends == {}  # nothing exported that the API did not answer

    heat = api(client, headers, f"/v1/heatmap?template_id={seeded.template}&by=district")
    rows = {(r["org"], r["indicator"]): r for r in tables["indicator_by_district"]}
    assert len(rows) == len(heat["rows"]) * len(heat["indicators"])
    for heat_row in heat["rows"]:
        for cell in heat_row["cells"]:
            assert_rating_row(rows[(heat_row["org"], cell["indicator"])], cell)

    dist = api(client, headers, f"/v1/distribution?template_id={seeded.template}")
    for indicator in dist["indicators"]:
        rows_of = [
            r
            for r in tables["rating_distribution"]
            if r["org"] == dist["org"] and r["indicator"] == indicator["indicator"]
        ]
        if indicator["suppressed"]:
            assert [r["suppressed"] for r in rows_of] == ["true"]
            continue
        assert [(int(r["level_value"]), r["share"]) for r in rows_of] == [
            (level["value"], level["share"]["display"]) for level in indicator["levels"]
        ]

    cover = api(client, headers, f"/v1/coverage?granularity=month&{RANGE}")
    counts = {(r["org"], r["period"]): r for r in tables["coverage_over_time"]}
    for point in cover["over_time"]:
        for cell in [{"org": cover["org"], **point["total"]}, *point["parts"]]:
            row = counts[(cell["org"], point["period"])]
            assert row["suppressed"] == _text(cell["suppressed"])
            assert _num(row["walkthroughs"]) == cell.get("walkthroughs")

    summary = api(client, headers, "/v1/summary?school_year=2026-2027")
    reach = {r["org"]: r for r in tables["coverage_reach"]}
    for part in [summary["totals"], *summary["districts"]]:
        row = reach[part["org"]]
        assert int(row["schools_visited"]) == part["schools_visited"]
        assert _num(row["walkthroughs"]) == part["teachers_observed"].get("walkthroughs")


def test_csv_zip_matches_the_api(region_export, client, seeded, as_region) -> None:
    tables = csv_tables(region_export["files"]["csv"])
    assert set(tables) == {
        "indicator_trends",
        "indicator_by_district",
        "rating_distribution",
        "coverage_over_time",
        "coverage_reach",
    }
    check_against_api(tables, client, as_region(seeded.region), seeded)
    assert any(r["suppressed"] == "true" for r in tables["indicator_trends"])  # rule applied


def test_xlsx_sheets_match_the_api_and_the_cover_states_the_rule(
    region_export, client, seeded, as_region
) -> None:
    content = region_export["files"]["xlsx"]
    tables = xlsx_tables(content)
    check_against_api(tables, client, as_region(seeded.region), seeded)
    cover = load_workbook(io.BytesIO(content)).worksheets[0]
    text = "\n".join(str(c) for row in cover.iter_rows(values_only=True) for c in row if c)
    job = region_export["job"]
    assert cover.title == "Cover"
    assert job["requested_by"] in text and job["export_id"] in text
    assert "Privacy rule applied (k = 10)" in text and "school_year:2026-2027" in text


def test_pdf_text_and_pages(region_export, client, seeded, as_region) -> None:
    content = region_export["files"]["pdf"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Privacy rule applied (k = 10)" in text
    assert region_export["job"]["requested_by"] in text
    assert "Trends: Core Walkthrough" in text and "Coverage" in text
    heat = api(
        client,
        as_region(seeded.region),
        f"/v1/heatmap?template_id={seeded.template}&by=district",
    )
    for row in heat["rows"]:
        for cell in row["cells"]:
            shown = "suppressed" if cell["suppressed"] else f"{cell['mean_rating']:.2f}"
            assert shown in text
    document = pypdfium2.PdfDocument(content)
    assert len(document) >= 3
    for index in range(len(document)):
        image = document[index].render(scale=1).to_pil()
        assert image.width > 500 and image.height > 300
        low, high = image.convert("L").getextrema()
        assert high - low > 100  # something was drawn on a white page
    document.close()


def test_edfi_json_is_valid_and_matches_the_api(region_export, client, seeded, as_region) -> None:
    document = json.loads(region_export["files"]["edfi_json"])
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == []
    assert len(document["educationServiceCenters"]) == 1
    assert len(document["localEducationAgencies"]) == len(seeded.districts)
    assert len(document["schools"]) == 10
    assert document["performanceEvaluations"][0]["performanceEvaluationTypeDescriptor"].endswith(
        "#Walkthrough"
    )
    assert len(document["evaluationElements"]) == 2
    assert len(document["rubricDimensions"]) == 8
    by_org = {
        (r["educationOrganizationReference"]["educationOrganizationId"], r["period"]["label"]): r
        for r in document["evaluationElementAggregateResults"]
        if "questioning" in r["evaluationElementReference"]["evaluationElementTitle"]
    }
    heat = api(
        client,
        as_region(seeded.region),
        f"/v1/heatmap?template_id={seeded.template}&by=district&indicator=questioning",
    )
    for row in heat["rows"]:
        record = by_org[(edfi_id(row["org"].partition(":")[2]), "school_year:2026-2027")]
        (cell,) = row["cells"]
        assert record["suppressed"] == cell["suppressed"]
        if not cell["suppressed"]:
            assert record["numberOfRatings"] == cell["n"]
            assert record["meanRating"] == cell["mean_rating"]


def test_no_canary_or_pseudonym_in_any_export_file(region_export, seeded) -> None:
    forbidden = [*CANARY_NAMES, *CANARY_EMAILS, CANARY_NOTE, CANARY_TEACHER_ID, "CANARY"]
    forbidden += seeded.pseudonyms
    pdf = region_export["files"]["pdf"]
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    texts = [pdf_text]
    for fmt in ("csv", "xlsx", "edfi_json"):
        texts += texts_of(region_export["files"][fmt])  # an xlsx is a zip of XML parts
    for text in texts:
        assert [c for c in forbidden if c.lower() in text.lower()] == []
