"""The OpenAPI document describes what the analytics API answers: every operation documents a
2xx response schema, and real answers (region and district callers, published and suppressed
cells, every endpoint) validate against it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.analytics.openapi_answers import AnswerChecker, operations, success_schemas

pytestmark = pytest.mark.integration

INDICATORS = {"engagement": [1, 2, 3, 4], "questioning": [1, 2, 3, 4]}
ANALYTICS_PATHS = {"/v1/trends", "/v1/heatmap", "/v1/distribution", "/v1/coverage", "/v1/summary"}


def test_every_operation_documents_a_success_schema(client):
    document = client.get("/openapi.json").json
    documented = success_schemas(document)
    assert set(operations(document)) == set(documented)
    assert {path for _, path in documented} >= {*ANALYTICS_PATHS, "/v1/privacy-rule"}
    for (method, path), schema in documented.items():
        if path.endswith("/download"):
            assert schema == {"type": "string", "format": "binary"}
        else:
            assert schema.get("$ref", "").startswith("#/components/schemas/"), (method, path)


def test_real_answers_validate_against_the_document(
    client, network, ingest, as_region, as_district, release
):
    region = network.region()
    districts = [network.district(region, f"D{i}") for i in range(2)]
    schools = [network.school(districts[0], n) for n in (4, 12, 15)]
    schools += [network.school(districts[1], n) for n in (11, 14)]
    template = network.template(INDICATORS)
    walkthroughs = network.random_walkthroughs(
        template, INDICATORS, per_teacher=3, start=date(2026, 9, 7), weeks=12
    )
    ingest(network.events)
    ingest(walkthroughs)
    release()  # region figures come from a release
    checker = AnswerChecker(client)
    t = template
    asked = [
        f"/v1/trends?template_id={t}",
        f"/v1/trends?template_id={t}&granularity=week&subject=math&indicator=engagement&level=3",
        f"/v1/trends?template_id={t}&granularity=school_year&school_id={schools[0]}",
        f"/v1/heatmap?template_id={t}",
        f"/v1/heatmap?template_id={t}&by=school&district_id={districts[0]}&period=month:2026-10",
        f"/v1/distribution?template_id={t}",
        f"/v1/distribution?template_id={t}&school_id={schools[0]}&grade_band=3-5",
        "/v1/coverage",
        f"/v1/coverage?granularity=week&district_id={districts[0]}",
        "/v1/summary",
        "/v1/summary?school_year=2025-2026",
        "/v1/privacy-rule",
    ]
    suppressed = 0
    for headers in (as_region(region), as_district(districts[0])):
        for url in asked:
            answer = client.get(url, headers=headers)
            assert answer.status_code == 200, (url, answer.json)
            checker.check("get", url.partition("?")[0], answer.json)
            suppressed += answer.json.get("suppression", {}).get("suppressed_cells", 0)
    assert suppressed > 0  # the suppressed shape of a cell was checked too
    assert checker.checked == {("get", p) for p in {*ANALYTICS_PATHS, "/v1/privacy-rule"}}
