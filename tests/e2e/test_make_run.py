"""`make run`'s launcher: every service ready and announced, Ctrl-C stops everything, a second
run reuses what the first created."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from canopy_shared.runtime.broker import port_open
from canopy_shared.runtime.processes import SERVICES
from canopy_shared.testing.system import running_system, system_environment

pytestmark = pytest.mark.e2e


def test_launcher_starts_every_service_and_ctrl_c_stops_them(tmp_path: Path) -> None:
    env = system_environment(tmp_path / "var", demo=False)
    with running_system(tmp_path / "var", env=env) as system:
        for spec in SERVICES:
            assert f"{system.url(spec.name)}/docs" in system.log(200)
            response = requests.get(f"{system.url(spec.name)}/readyz", timeout=5)
            assert response.status_code == 200, (spec.name, response.text)
        assert system.interrupt() == 0
    config = system.config
    assert not port_open(config.host, config.broker_port)
    assert not any(port_open(config.host, port) for port in config.ports.values())
    assert not (tmp_path / "var" / "run.pid").exists()

    databases = sorted(p.name for p in (tmp_path / "var").glob("*.db"))
    assert databases == sorted(f"{spec.name}.db" for spec in SERVICES)
    with running_system(tmp_path / "var", env=env) as second:
        assert requests.get(f"{second.url('analytics')}/readyz", timeout=5).status_code == 200
        assert "ClickHouse migrations applied: none pending" in second.log(400)
