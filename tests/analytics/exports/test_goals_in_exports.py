"""A region export carries the region's goals and their progress, as GET /v1/goals shows them
to the requester: in the Ed-Fi document (Goal-shaped records, valid against the schema), in the
PDF, and in the partner snapshot (valid against `exports.region.<id>.v1`)."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pypdf import PdfReader

import canopy_analytics.exports
from canopy_analytics.exports.datasets import build_report
from canopy_analytics.exports.parameters import ExportParameters
from canopy_analytics.exports.snapshot import snapshot_payload
from canopy_shared.contracts import EXPORTS_REGION, Envelope
from canopy_shared.contracts.exports_region_v1 import SNAPSHOT_PUBLISHED
from canopy_shared.web.auth import Principal
from tests.analytics.conftest import dependencies_of
from tests.analytics.exports.conftest import download, run_export

pytestmark = pytest.mark.integration
SCHEMA = Path(canopy_analytics.exports.__file__).parent / "edfi_schema.json"


@pytest.fixture
def region_goal(client, seeded, as_region, signer) -> dict[str, Any]:
    body = {
        "title": "Engaged in grade-level work",
        "template_id": seeded.template,
        "look_fors": ["engagement"],
        "target_level": 3,
        "target_share": 0.7,
        "start_date": "2026-10-01",
        "deadline": "2027-05-31",
        "owner": "Director of Teaching and Learning",
    }
    goal = client.post("/v1/goals", json=body, headers=as_region(seeded.region, "region_admin"))
    assert goal.status_code == 201, goal.json
    district = seeded.districts[1]
    token = signer.mint(
        role="district_admin",
        org_id=district,
        org_tier="district",
        district_id=district,
        region_id=seeded.region,
    )
    adopted = client.post(
        f"/v1/goals/{goal.json['goal_id']}/adoptions",
        json={"mode": "adapt", "target_share": 0.6, "owner": "Curriculum lead"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert adopted.status_code == 201, adopted.json
    return dict(client.get("/v1/goals", headers=as_region(seeded.region)).json)


def test_edfi_and_pdf_carry_the_goals(app, seeded, as_region, region_goal) -> None:
    headers = as_region(seeded.region)
    job = run_export(
        app, headers, {"period": "school_year:2026-2027", "formats": ["edfi_json", "pdf"]}
    )
    assert job["status"] == "succeeded", job
    document = json.loads(download(app, headers, job, "edfi_json"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(
        json.loads(SCHEMA.read_text()), format_checker=checker
    )
    assert [e.message for e in validator.iter_errors(document)] == []
    titles = [g["goalTitle"] for g in document["goals"]]
    assert titles == ["Engaged in grade-level work"] * 2
    region_record = document["goals"][0]["_ext"]["canopy"]
    api_goal = region_goal["goals"][0]
    assert len(region_record["progress"]) == len(api_goal["progress"])
    for record, shown in zip(region_record["progress"], api_goal["progress"], strict=True):
        assert record["suppressed"] == bool(shown["current"] and shown["current"]["suppressed"])
        assert record["share_display"] == (shown["current"] or {}).get("display")
        assert record["status"] == shown["status"]
    assert document["goals"][1]["_ext"]["canopy"]["alignment"] == "adapted"

    pdf = download(app, headers, job, "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Improvement goals" in text and "Engaged in grade-level work" in text


def test_the_partner_snapshot_carries_the_goals(app, seeded, region_goal) -> None:
    runner = dependencies_of(app).exports.service.runner
    principal = Principal(
        subject="u", role="region_admin", org_id=seeded.region, org_tier="region",
        district_id=None, region_id=seeded.region,
    )  # fmt: skip
    report = build_report(
        lambda: runner.reader_as(principal), ExportParameters(period="school_year:2026-2027"),
        lambda step: None,
    )  # fmt: skip
    report.goals = runner._goals_of(principal)
    payload = snapshot_payload(
        report, snapshot_id=str(uuid.uuid4()), export_id=None, trigger="publish"
    )
    envelope = Envelope(type=SNAPSHOT_PUBLISHED, payload=payload, producer="analytics")
    loaded = EXPORTS_REGION.for_region(seeded.region).validate(envelope.to_dict(), strict=True)
    goals = loaded["payload"]["goals"]
    assert [g["alignment"] for g in goals] == ["own", "adapted"]
    assert goals[1]["parent_goal_id"] == goals[0]["goal_id"]
    for progress in goals[0]["progress"]:
        if progress["suppressed"]:
            assert progress["share_display"] is None and progress["status"] == "suppressed"
