"""The web app's pages call each service from their own origin: the services answer a browser's
CORS preflight for the origins in CANOPY_ALLOWED_ORIGINS, with the bearer-token header, and give
no CORS grant to any other origin (its browser then refuses the answer)."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient

from canopy_shared.testing.apps import example_app
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.app import allowed_origins_from_env

WEB_ORIGIN = "http://127.0.0.1:8000"
signer = TestSigner()


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setenv("CANOPY_ALLOWED_ORIGINS", f"{WEB_ORIGIN}, https://canopy.example.org/")
    app = example_app(verifier=signer.verifier(), create_region=lambda _: str(uuid.uuid4()))
    return app.test_client()


def preflight(client: FlaskClient, origin: str) -> dict[str, str]:
    response = client.options(
        "/v1/regions",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert response.status_code < 400
    return dict(response.headers)


def test_preflight_from_the_web_origin_allows_the_bearer_token(client: FlaskClient) -> None:
    headers = preflight(client, WEB_ORIGIN)
    assert headers["Access-Control-Allow-Origin"] == WEB_ORIGIN
    assert "authorization" in headers["Access-Control-Allow-Headers"].lower()
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in headers  # a bearer token, never cookies


def test_a_real_request_from_the_web_origin_is_readable(client: FlaskClient) -> None:
    token = signer.mint(role="region_admin", org_tier="region")
    response = client.post(
        "/v1/regions",
        json={"name": "Gulf Coast ESC"},
        headers={"Origin": WEB_ORIGIN, "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    assert response.headers["Access-Control-Allow-Origin"] == WEB_ORIGIN


def test_another_origin_gets_no_grant(client: FlaskClient) -> None:
    headers = preflight(client, "http://evil.example.com")
    assert "Access-Control-Allow-Origin" not in headers
    assert "Access-Control-Allow-Headers" not in headers


def test_no_origin_is_allowed_when_none_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CANOPY_ALLOWED_ORIGINS", raising=False)
    app = example_app(verifier=signer.verifier(), create_region=lambda _: str(uuid.uuid4()))
    assert "Access-Control-Allow-Origin" not in preflight(app.test_client(), WEB_ORIGIN)


def test_allowed_origins_are_read_without_trailing_slashes_or_blanks() -> None:
    environ = {"CANOPY_ALLOWED_ORIGINS": " http://a:8000/ ,, https://b.org "}
    assert allowed_origins_from_env(environ) == ("http://a:8000", "https://b.org")
