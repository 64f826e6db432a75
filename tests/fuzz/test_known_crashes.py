"""The 500s issue #15 listed, on every service: each is now a 4xx JSON error naming the field
and the rule (deep JSON, a body over the limit, huge path numbers)."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.request_limits import MAX_PATH_INTEGER
from tests.fuzz.targets import SERVICES, service_app


@pytest.mark.parametrize("service", SERVICES)
def test_json_nested_ten_thousand_deep_is_a_400_on_every_write(
    service: str, tmp_path: Path, signer: TestSigner
) -> None:
    deep = "[" * 10_000 + "]" * 10_000
    with service_app(service, tmp_path, signer) as (app, roles):
        client = app.test_client()
        document = client.get("/openapi.json").get_json()
        writes = [
            (re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path), method)
            for path, operations in document["paths"].items()
            for method in operations
            if method in ("post", "put", "patch")
        ]
        # The anonymizer's API only reads: a JSON body sent to it is inspected all the same.
        writes = writes or [(path, "get") for path in document["paths"] if "{" not in path]
        assert writes, service
        headers = next(iter(roles.values()))
        for path, method in writes:
            response = client.open(
                path, method=method, data=deep, content_type="application/json", headers=headers
            )
            assert response.status_code == 400, (method, path, response.status_code)
            error = response.get_json()["error"]
            assert (error["field"], error["rule"]) == ("body", "max_depth"), path


@pytest.mark.parametrize("number", [str(MAX_PATH_INTEGER + 1), str(2**64), "9" * 40])
def test_a_huge_version_number_in_a_template_path_is_a_422_with_its_bounds(
    number: str, tmp_path: Path, signer: TestSigner
) -> None:
    with service_app("templates", tmp_path, signer) as (app, roles):
        path = f"/v1/templates/{uuid.uuid4()}/versions/{number}"
        response = app.test_client().get(path, headers=roles["region_admin"])
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert (error["field"], error["rule"]) == ("version_number", "range")
    assert str(MAX_PATH_INTEGER) in error["message"]
