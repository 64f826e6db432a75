"""The shared web layer: JSON errors naming field and rule, auth, health, OpenAPI docs."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.testing.apps import example_app
from canopy_shared.testing.tokens import TestSigner

REGION_ADMIN, REGION_LEADER = Role.REGION_ADMIN, Role.REGION_LEADER

signer = TestSigner()


def _fail() -> None:
    raise ConnectionError("broker down")


@pytest.fixture
def client() -> FlaskClient:
    created: list[str] = []

    def create_region(name: str) -> str:
        created.append(name)
        return str(uuid.uuid4())

    app = example_app(
        verifier=signer.verifier(),
        create_region=create_region,
        readiness={"database": lambda: None, "broker": _fail},
    )
    return app.test_client()


def auth(role: str = REGION_ADMIN) -> dict[str, str]:
    return {"Authorization": f"Bearer {signer.mint(role=role, org_tier='region')}"}


def test_valid_request_is_served(client: FlaskClient) -> None:
    response = client.post("/v1/regions", json={"name": "Gulf Coast ESC"}, headers=auth())
    assert response.status_code == 201
    assert response.json["name"] == "Gulf Coast ESC"


def test_invalid_body_is_a_422_naming_the_field_and_rule(client: FlaskClient) -> None:
    response = client.post("/v1/regions", json={"name": ""}, headers=auth())
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "validation_failed"
    assert "name" in error["fields"]["json"]
    assert error["fields"]["json"]["name"] == ["Length must be between 1 and 200."]


def test_server_set_field_in_input_is_refused(client: FlaskClient) -> None:
    response = client.post("/v1/regions", json={"name": "x", "region_id": "mine"}, headers=auth())
    assert response.status_code == 422
    assert "region_id" in response.json["error"]["fields"]["json"]


def test_domain_error_names_field_and_rule(client: FlaskClient) -> None:
    response = client.post("/v1/regions", json={"name": "taken"}, headers=auth())
    assert response.status_code == 409
    assert response.json["error"] == {
        "status": 409,
        "code": "conflict",
        "message": "a region with this name exists",
        "field": "name",
        "rule": "unique",
    }


def test_unexpected_error_is_a_500_without_internals(client: FlaskClient) -> None:
    response = client.post("/v1/regions", json={"name": "boom"}, headers=auth())
    assert response.status_code == 500
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert response.json["error"]["code"] == "internal_error"


def test_missing_token_is_401_and_wrong_role_is_403(client: FlaskClient) -> None:
    assert client.post("/v1/regions", json={"name": "x"}).status_code == 401
    response = client.post("/v1/regions", json={"name": "x"}, headers=auth(REGION_LEADER))
    assert response.status_code == 403
    assert "region_admin" in response.json["error"]["rule"]


def test_unknown_route_is_a_json_404(client: FlaskClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_healthz_is_up_and_readyz_names_the_failing_dependency(client: FlaskClient) -> None:
    assert client.get("/healthz").json == {"status": "ok"}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"] == {"database": "ok", "broker": "failed: broker down"}


def test_openapi_document_and_docs_page_are_served(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").json
    assert "/v1/regions" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    docs = client.get("/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.data
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    root = client.get("/")  # the base URL `make run` prints
    assert root.status_code == 302 and root.headers["Location"] == "/docs"


def test_an_argument_schema_is_built_once_and_serves_concurrent_requests(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building a schema per request cost ~0.3 ms of a walkthrough POST (issue #17); the one
    instance must still load each request's own body when threads share it."""
    from concurrent.futures import ThreadPoolExecutor

    from canopy_shared.testing.apps import RegionIn

    built: list[RegionIn] = []
    original_init = RegionIn.__init__

    def counting_init(self: RegionIn, *args: object, **kwargs: object) -> None:
        built.append(self)
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RegionIn, "__init__", counting_init)

    def create(index: int) -> tuple[str, object]:
        name = f"Region {index}"
        answer = client.application.test_client().post(
            "/v1/regions", json={"name": name}, headers=auth()
        )
        return name, answer.json["name"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(create, range(200)))
    assert all(sent == echoed for sent, echoed in answers)
    assert built == []
