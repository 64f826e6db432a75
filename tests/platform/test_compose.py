"""docker-compose.yml describes production: it must parse, name only real images, run every
process the embedded launcher runs, and set only environment names the code reads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from canopy_shared.runtime.processes import SERVICES, WEB_CLIENT_URL_VARIABLES, WEB_DEFAULT_PORT

ROOT = Path(__file__).resolve().parents[2]
# Official images on the public registry; a tag must be an explicit version, never `latest`.
INFRASTRUCTURE_IMAGES = {
    "kafka": "apache/kafka",
    "clickhouse": "clickhouse/clickhouse-server",
    "postgres": "postgres",
}
# The web app's container: nginx serving the built app, from its own Dockerfile.
WEB = "web"
WEB_DOCKERFILE = "deploy/web/Dockerfile"
# Read by libraries rather than by our code (the OpenTelemetry SDK reads OTEL_*).
LIBRARY_ENV = re.compile(r"^OTEL_")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _code_text() -> str:
    sources = [
        *ROOT.glob("services/*/canopy_*/**/*.py"),
        *ROOT.glob("shared/canopy_shared/**/*.py"),
    ]
    return "\n".join(path.read_text() for path in sources)


def test_infrastructure_uses_pinned_official_images(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, repository in INFRASTRUCTURE_IMAGES.items():
        image, _, tag = services[name]["image"].partition(":")
        assert image == repository, name
        assert re.fullmatch(r"\d+(\.\d+)*", tag), f"{name} must pin a version tag, got {tag!r}"


def test_every_canopy_container_is_built_from_the_deploy_dockerfile(
    compose: dict[str, Any],
) -> None:
    own = {n: s for n, s in compose["services"].items() if n not in INFRASTRUCTURE_IMAGES}
    assert own, "no Canopy containers"
    assert own.pop(WEB)["build"]["dockerfile"] == WEB_DOCKERFILE
    for name, service in own.items():
        assert service["build"]["dockerfile"] == "deploy/Dockerfile", name
        assert (ROOT / service["build"]["dockerfile"]).is_file()


def test_every_launcher_process_has_a_production_container(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for spec in SERVICES:
        assert f"{spec.name}-migrate" in services
        web = services[f"{spec.name}-web"]
        assert f"{spec.package}.app:create_app()" in web["command"]
        for command in spec.workers_commands:
            worker = services[f"{spec.name}-{command}"]
            assert worker["command"] == ["python", "-m", spec.package, command]


def test_analytics_runs_its_sink_as_its_own_scalable_process(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["analytics-consume"]["command"] == [
        "python",
        "-m",
        "canopy_analytics",
        "consume",
    ]
    assert services["analytics-web"]["environment"]["ANALYTICS_SINK_IN_PROCESS"] == "0"
    assert services["analytics-web"]["environment"]["CLICKHOUSE_DSN"].startswith("http://")


def test_each_service_has_its_own_postgres_database(compose: dict[str, Any]) -> None:
    urls = {
        spec.name: compose["services"][f"{spec.name}-web"]["environment"]["DATABASE_URL"]
        for spec in SERVICES
    }
    databases = {name: url.rsplit("/", 1)[1] for name, url in urls.items()}
    assert len(set(databases.values())) == len(SERVICES), databases
    init_sql = (ROOT / "deploy/postgres/init-databases.sql").read_text()
    for database in databases.values():
        assert f"CREATE DATABASE {database};" in init_sql
    assert all(url.startswith("postgresql+psycopg://") for url in urls.values())


def test_environment_names_are_the_ones_the_code_reads(compose: dict[str, Any]) -> None:
    code = _code_text()
    own = {n: s for n, s in compose["services"].items() if n not in INFRASTRUCTURE_IMAGES}
    names = {name for service in own.values() for name in service.get("environment", {})}
    unread = {n for n in names if not LIBRARY_ENV.match(n) and f'"{n}"' not in code}
    assert not unread, f"compose sets variables no code reads: {sorted(unread)}"
    for required in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "TENANCY_JWKS_URL", "BIND"):
        assert all(required in s["environment"] for n, s in own.items() if n.endswith("-web"))


def test_web_containers_listen_where_the_gunicorn_config_binds(compose: dict[str, Any]) -> None:
    for spec in SERVICES:
        web = compose["services"][f"{spec.name}-web"]
        assert web["environment"]["BIND"] == "0.0.0.0:8000"
        assert web["ports"] == [f"{spec.default_port}:8000"]


def test_the_web_app_is_served_with_a_config_naming_every_service(
    compose: dict[str, Any],
) -> None:
    web = compose["services"][WEB]
    dockerfile = (ROOT / WEB_DOCKERFILE).read_text()
    base_images = re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE)
    assert [image.split(":")[0] for image in base_images] == ["node", "nginx"]
    assert all(re.match(r"\d+\.\d+", image.split(":")[1]) for image in base_images), base_images
    template = (ROOT / "deploy/web/default.conf.template").read_text()
    for variable in WEB_CLIENT_URL_VARIABLES.values():
        assert variable in web["environment"]
        assert f"${{{variable}}}" in template
    assert "try_files $uri /index.html" in template  # deep links reach the app's router
    assert web["ports"] == [f"{WEB_DEFAULT_PORT}:8080"]
    assert "listen 8080;" in template


def test_every_service_allows_the_web_apps_origin(compose: dict[str, Any]) -> None:
    for spec in SERVICES:
        environment = compose["services"][f"{spec.name}-web"]["environment"]
        assert "localhost:8000" in environment["CANOPY_ALLOWED_ORIGINS"]
