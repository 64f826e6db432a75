"""The web app's server in the embedded runtime: the built files, /config.json naming each
service, deep links answered with the app, hashed assets cached for good."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from canopy_shared.runtime.processes import RuntimeConfig, process_table
from canopy_shared.runtime.webserver import IMMUTABLE, create_app, services_config


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Canopy</title>")
    (tmp_path / "assets/index-3f2b8c1e.js").write_text("console.log('app')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    (tmp_path / ".canopy-build").write_text("build hash")
    return tmp_path


@pytest.fixture
def client(dist: Path) -> FlaskClient:
    config = RuntimeConfig.from_env({"CANOPY_TENANCY_PORT": "9001"})
    return create_app(dist, services_config(config.web_env(dist))).test_client()


def test_config_json_names_every_service_the_browser_calls(client: FlaskClient) -> None:
    response = client.get("/config.json")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json == {
        "services": {
            "tenancy": "http://127.0.0.1:9001",
            "templates": "http://127.0.0.1:8002",
            "intake": "http://127.0.0.1:8003",
            "analytics": "http://127.0.0.1:8005",
        }
    }


@pytest.mark.parametrize("path", ["/", "/region", "/region/heatmap?district=x", "/sign-in"])
def test_every_app_route_is_answered_with_the_app(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert b"<title>Canopy</title>" in response.data
    assert response.headers["Cache-Control"] == "no-cache"  # a new build shows at once


def test_hashed_assets_are_cached_for_good_and_other_files_revalidated(
    client: FlaskClient,
) -> None:
    asset = client.get("/assets/index-3f2b8c1e.js")
    assert asset.status_code == 200 and asset.headers["Cache-Control"] == IMMUTABLE
    assert client.get("/favicon.svg").headers["Cache-Control"] == "no-cache"
    assert client.get("/assets/gone-0000.js").status_code == 404  # not the app's HTML


def test_hidden_files_are_not_served(client: FlaskClient) -> None:
    assert b"build hash" not in client.get("/.canopy-build").data


def test_answers_carry_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_the_web_server_is_a_process_of_the_system_and_services_allow_its_origin(
    dist: Path,
) -> None:
    config = RuntimeConfig.from_env({"CANOPY_WEB_PORT": "8100"})
    table = {name: (command, env) for name, command, env in process_table(config, web_dist=dist)}
    command, env = table["web"]
    assert "canopy_shared.runtime.webserver:create_app()" in command
    assert env["BIND"] == "127.0.0.1:8100" and env["CANOPY_WEB_DIST"] == str(dist)
    origins = table["analytics-web"][1]["CANOPY_ALLOWED_ORIGINS"].split(",")
    assert origins == ["http://127.0.0.1:8100", "http://localhost:8100"]
    assert "web" not in {name for name, _, _ in process_table(config)}
