"""Every analytics endpoint that takes a period refuses one that does not exist with a 422
naming the field (the one period parser, `domain.periods`), before anything is read or queued;
an export or schedule request whose body is not a JSON object is refused, naming the body."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.integration

BAD_PERIODS = (
    "month:2026-13",
    "month:2026-00",
    "week:2026-02-30",
    "week:2026-09-15",  # a Tuesday: a week is named by its Monday
    "school_year:2026-2020",
    "school_year:2026-2026",
    "month:1899-01",
    "month:2026-9",
    "year:2026",
    "garbage",
    "",
)
BAD_SCHOOL_YEARS = ("2026-2020", "2026-2028", "2026", "1850-1851", "garbage")
BAD_DAYS = ("2026-02-30", "1900-01-01", "9999-12-31", "garbage")


def refused(answer: Any, location: str, field: str) -> None:
    assert answer.status_code == 422, (answer.status_code, answer.json)
    assert field in answer.json["error"]["fields"][location], answer.json


@pytest.mark.parametrize("period", BAD_PERIODS)
def test_a_period_that_does_not_exist_is_refused_everywhere(app, as_region, period) -> None:
    client, region = app.test_client(), str(uuid.uuid4())
    headers, admin = as_region(region), as_region(region, "region_admin")
    template = str(uuid.uuid4())
    for path in ("/v1/heatmap", "/v1/distribution"):
        answer = client.get(
            path, query_string={"template_id": template, "period": period}, headers=headers
        )
        refused(answer, "query", "period")
    refused(client.post("/v1/exports", json={"period": period}, headers=headers), "json", "period")
    body = {"cadence": "daily", "period": period}
    refused(client.put("/v1/export-schedules", json=body, headers=admin), "json", "period")
    assert client.get("/v1/exports", headers=headers).json["exports"] == []


@pytest.mark.parametrize("school_year", BAD_SCHOOL_YEARS)
def test_a_school_year_that_does_not_exist_is_refused(app, as_region, school_year) -> None:
    answer = app.test_client().get(
        "/v1/summary",
        query_string={"school_year": school_year},
        headers=as_region(str(uuid.uuid4())),
    )
    refused(answer, "query", "school_year")


@pytest.mark.parametrize("day", BAD_DAYS)
@pytest.mark.parametrize("field", ["start", "end"])
def test_a_range_that_no_period_can_hold_is_refused(app, as_region, day, field) -> None:
    client, headers = app.test_client(), as_region(str(uuid.uuid4()))
    template = str(uuid.uuid4())
    trends = client.get(
        "/v1/trends", query_string={"template_id": template, field: day}, headers=headers
    )
    refused(trends, "query", field)
    refused(client.get("/v1/coverage", query_string={field: day}, headers=headers), "query", field)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (None, None),
        ("", "application/json"),
        ("period=school_year:2026-2027", "application/x-www-form-urlencoded"),
        ("not json", "text/plain"),
        ("{not json", "application/json"),
        ("[]", "application/json"),
        ("null", "application/json"),
        ('"school_year:2026-2027"', "application/json"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(app, as_region, data, content_type) -> None:
    client, region = app.test_client(), str(uuid.uuid4())
    headers = as_region(region)
    for method, path, who in (
        ("POST", "/v1/exports", headers),
        ("PUT", "/v1/export-schedules", as_region(region, "region_admin")),
    ):
        answer = client.open(path, method=method, data=data, content_type=content_type, headers=who)
        assert answer.status_code == 422, (path, answer.status_code, answer.data[:300])
        assert answer.json["error"]["field"] == "body", answer.json
    assert client.get("/v1/exports", headers=headers).json["exports"] == []
