"""Bad input the shared web layer refuses for every service: 4xx JSON naming field and rule,
never a 500 (deep JSON, huge numbers, NUL, lone surrogates, oversized bodies)."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.testing.apps import example_app
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.request_limits import DEFAULT_MAX_BODY_BYTES, MAX_JSON_DEPTH

signer = TestSigner()


@pytest.fixture
def client() -> FlaskClient:
    app = example_app(verifier=signer.verifier(), create_region=lambda _: str(uuid.uuid4()))
    return app.test_client()


def _auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {signer.mint(role=Role.REGION_ADMIN, org_tier='region')}"}


def _post(client: FlaskClient, raw: str | bytes) -> tuple[int, dict]:
    headers = {**_auth(), "Content-Type": "application/json"}
    response = client.post("/v1/regions", data=raw, headers=headers)
    return response.status_code, response.get_json()["error"]


def test_json_nested_ten_thousand_deep_is_a_400_not_a_recursion_error(
    client: FlaskClient,
) -> None:
    status, error = _post(client, "[" * 10_000 + "]" * 10_000)
    assert status == 400
    assert (error["field"], error["rule"]) == ("body", "max_depth")


def test_json_deeper_than_the_limit_is_refused(client: FlaskClient) -> None:
    depth = MAX_JSON_DEPTH + 1
    status, error = _post(client, '{"name": "x", "deep": ' + "[" * depth + "]" * depth + "}")
    assert status == 400
    assert error["rule"] == "max_depth"


@pytest.mark.parametrize(
    ("raw", "field", "rule"),
    [
        ('{"name": "Gulf\\u0000Coast"}', "name", "no_nul_character"),
        ('{"name": "Gulf \\ud800 Coast"}', "name", "valid_unicode"),
        ('{"name": "x", "tags": ["ok", "\\udfff"]}', "tags.1", "valid_unicode"),
        ('{"name": "x", "\\ud800": 1}', "\\ud800", "valid_unicode"),
        ('{"name": "x", "count": 18446744073709551616}', "count", "range"),
        ('{"name": "x", "ratio": 1e999}', "ratio", "finite_number"),
        ('{"name": "x", "ratio": NaN}', "ratio", "finite_number"),
        ('{"name": 1' + "0" * 5000 + "}", "body", "range"),
    ],
)
def test_text_and_numbers_no_store_can_hold_are_a_422_naming_the_field(
    client: FlaskClient, raw: str, field: str, rule: str
) -> None:
    status, error = _post(client, raw)
    assert status == 422
    assert (error["field"], error["rule"]) == (field, rule)
    assert error["code"] == "validation_failed"


def test_nul_in_a_query_parameter_is_refused(client: FlaskClient) -> None:
    response = client.get("/v1/regions?name=a%00b", headers=_auth())
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == "name"


def test_a_body_over_the_limit_is_a_413_json(client: FlaskClient) -> None:
    status, error = _post(client, b'{"name": "' + b"x" * DEFAULT_MAX_BODY_BYTES + b'"}')
    assert status == 413
    assert (error["code"], error["field"], error["rule"]) == (
        "body_too_large",
        "body",
        "max_body_bytes",
    )
    assert str(DEFAULT_MAX_BODY_BYTES) in error["message"]


def test_valid_unicode_text_still_passes(client: FlaskClient) -> None:
    status = client.post("/v1/regions", json={"name": "Région Éducative 🌲"}, headers=_auth())
    assert status.status_code == 201


def test_the_documented_error_body_is_the_one_sent(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()
    error = document["components"]["schemas"]["ErrorBody"]
    assert error["required"] == ["error"]
    detail = document["components"]["schemas"]["ErrorDetail"]
    assert {"status", "code", "message", "field", "rule", "fields"} <= set(detail["properties"])
