"""The export endpoints' answers (jobs, listings, schedules) validate against the OpenAPI
document the app serves."""

from __future__ import annotations

import pytest

from tests.analytics.exports.conftest import run_export
from tests.analytics.openapi_answers import AnswerChecker

pytestmark = pytest.mark.integration


def test_export_answers_validate_against_the_document(app, seeded, as_region):
    client = app.test_client()
    checker = AnswerChecker(client)
    headers = as_region(seeded.region, "region_admin")
    accepted = client.post("/v1/exports", json={"formats": ["csv"]}, headers=headers)
    assert accepted.status_code == 202
    checker.check("post", "/v1/exports", accepted.json)
    job = run_export(app, headers, {"formats": ["csv", "edfi_json"], "period": "month:2026-10"})
    assert job["files"]
    checker.check("get", "/v1/exports/{export_id}", job)
    checker.check("get", "/v1/exports", client.get("/v1/exports", headers=headers).json)
    schedule = client.put("/v1/export-schedules", json={"cadence": "weekly"}, headers=headers)
    assert schedule.status_code == 200
    checker.check("put", "/v1/export-schedules", schedule.json)
    checker.check(
        "get", "/v1/export-schedules", client.get("/v1/export-schedules", headers=headers).json
    )
