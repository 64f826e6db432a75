"""`make run`'s launcher: every service and the web app ready and announced (the web app's URL
first), a terminal free of library chatter (it is in var/logs/), Ctrl-C stops everything, a
second run reuses what the first created and does not rebuild the unchanged web app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from canopy_shared.runtime.broker import port_open
from canopy_shared.runtime.processes import SERVICES
from canopy_shared.testing.system import RunningSystem, running_system, system_environment

pytestmark = pytest.mark.e2e


def assert_web_app_is_served(system: RunningSystem) -> None:
    page = requests.get(f"{system.web_url}/region/heatmap?period=term", timeout=5)
    assert page.status_code == 200 and "<html" in page.text.lower()
    services = requests.get(f"{system.web_url}/config.json", timeout=5).json()["services"]
    assert services["analytics"] == system.url("analytics")
    assert services["tenancy"] == system.url("tenancy")
    preflight = requests.options(
        f"{services['analytics']}/v1/summary",
        headers={
            "Origin": system.web_url,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
        timeout=5,
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == system.web_url


def test_launcher_starts_every_service_and_ctrl_c_stops_them(tmp_path: Path) -> None:
    # `make run`'s own default, whatever database the other suites run on: SQLite under var/.
    env = system_environment(tmp_path / "var", demo=False, postgres=False)
    with running_system(tmp_path / "var", env=env) as system:
        terminal = system.log(200)
        assert f"Open {system.web_url}" in terminal
        assert terminal.index(f"Open {system.web_url}") < terminal.index("/docs")
        for spec in SERVICES:
            assert f"{system.url(spec.name)}/docs" in terminal
            response = requests.get(f"{system.url(spec.name)}/readyz", timeout=5)
            assert response.status_code == 200, (spec.name, response.text)
        assert_web_app_is_served(system)
        assert " INFO " not in terminal and "[INFO]" not in terminal, terminal
        logs = tmp_path / "var" / "logs"
        assert " INFO " in (logs / "anonymizer-consume.log").read_text()
        assert (logs / "web.log").is_file()
        assert system.interrupt() == 0
    config = system.config
    assert not port_open(config.host, config.broker_port)
    assert not any(port_open(config.host, port) for port in config.ports.values())
    assert not port_open(config.host, config.web_port)
    assert not (tmp_path / "var" / "run.pid").exists()

    databases = sorted(p.name for p in (tmp_path / "var").glob("*.db"))
    assert databases == sorted(f"{spec.name}.db" for spec in SERVICES)
    with running_system(tmp_path / "var", env=env) as second:
        assert requests.get(f"{second.url('analytics')}/readyz", timeout=5).status_code == 200
        migrations = (tmp_path / "var" / "logs" / "migrate.log").read_text()
        assert migrations.count("ClickHouse migrations applied: none pending") == 1
        assert_web_app_is_served(second)
        # The same sources are never built twice (one build folder per content hash).
        log = tmp_path / "var" / "logs" / "web-build.log"
        build_log = log.read_text() if log.exists() else ""  # nothing built: no log
        builds = re.findall(r"^\$ npm exec -- vite build --outDir (\S+)", build_log, re.M)
        assert len(builds) == len(set(builds)), builds
