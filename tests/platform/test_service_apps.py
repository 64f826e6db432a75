"""Every service's app factory honours the settings it is given and serves the common surface:
health, readiness naming the failing dependency, OpenAPI docs."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from flask import Flask

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_shared.db import migrate
from canopy_shared.runtime.broker import free_port
from canopy_shared.runtime.processes import SERVICES, ServiceSpec
from canopy_shared.testing.broker import RunningBroker
from canopy_shared.web.dependencies import current_dependencies

pytestmark = pytest.mark.integration


def build_app(spec: ServiceSpec, tmp_path: Path, bootstrap_servers: str) -> Flask:
    environ = {
        "DATABASE_URL": f"sqlite:///{tmp_path}/{spec.name}.db",
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
        "CLICKHOUSE_DSN": f"chdb:///{tmp_path}/analytics.chdb",
    }
    package = importlib.import_module(spec.package)
    settings = importlib.import_module(f"{spec.package}.settings").Settings.from_env(environ)
    migrate(settings.common.database_url, Path(package.__file__).parent / "migrations")
    app: Flask = importlib.import_module(f"{spec.package}.app").create_app(settings)
    return app


def close_stores(app: Flask) -> None:
    with app.app_context():
        try:
            dependencies = current_dependencies(object)
        except RuntimeError:  # an app built without a dependencies object
            return
    # Background threads (analytics' export worker and scheduler) stop with the test: left
    # running, they log tracebacks about a deleted database into later tests.
    stop = getattr(dependencies, "stop", None)
    if callable(stop):
        stop()
    store = getattr(dependencies, "store", None)
    if isinstance(store, ClickHouseStore):
        store.close()  # one embedded ClickHouse path per process at a time


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
def test_service_is_ready_when_its_dependencies_answer(
    spec: ServiceSpec, tmp_path: Path, broker: RunningBroker
) -> None:
    app = build_app(spec, tmp_path, broker.bootstrap_servers)
    try:
        client = app.test_client()
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.json
        assert set(ready.json["checks"]) >= {"database", "broker"}
        spec_doc = client.get("/openapi.json").json
        assert spec_doc["info"]["title"].lower().startswith("canopy")
        assert client.get("/docs").status_code == 200
    finally:
        close_stores(app)


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
def test_readiness_names_an_unreachable_broker(spec: ServiceSpec, tmp_path: Path) -> None:
    app = build_app(spec, tmp_path, f"127.0.0.1:{free_port()}")
    try:
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        assert response.json["checks"]["broker"].startswith("failed")
        assert response.json["checks"]["database"] == "ok"
    finally:
        close_stores(app)
