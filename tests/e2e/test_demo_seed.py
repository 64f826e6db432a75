"""`make run` seeds a demo network a newcomer can explore at once, through the public APIs, and
a second run finds it already there."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from canopy_shared.demo.__main__ import services_of
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import all_items
from canopy_shared.demo.plan import DEMO
from canopy_shared.testing.system import RunningSystem, running_system, system_environment

pytestmark = pytest.mark.e2e
SEEDED = "password for every demo account"


def _sign_in(system: RunningSystem, email: str, password: str) -> Api:
    tenancy = services_of(system.config).tenancy
    token = tenancy.post("/v1/auth/token", {"email": email, "password": password})["access_token"]
    return tenancy.as_user(token)


def test_demo_network_is_seeded_once_and_explorable(tmp_path: Path) -> None:
    env = system_environment(tmp_path / "var", demo=True)
    with running_system(tmp_path / "var", env=env) as system:
        system.wait_for_output(SEEDED, timeout_s=600)
        record = json.loads((tmp_path / "var/demo.json").read_text())
        assert record["password"] in system.log(40)
        region = _sign_in(system, "region.admin@demo.canopy.test", record["password"])
        districts = region.get("/v1/districts", region_id=record["region_id"])
        assert sorted(d["name"] for d in districts["items"]) == sorted(
            d.name for d in DEMO.districts
        )

        coach = next(a for a in record["sign_ins"] if a["role"] == "observer")
        observer = _sign_in(system, coach["email"], record["password"])
        school_id = observer.get("/v1/me")["org_id"]
        templates = services_of(system.config).templates.as_user(observer.token or "")
        offered = templates.get(f"/v1/schools/{school_id}/templates")
        assert any(t["title"] == "Regional Instructional Walkthrough" for t in offered["templates"])
        intake = services_of(system.config).intake.as_user(observer.token or "")
        walkthroughs = list(all_items(intake, "/v1/walkthroughs"))
        assert walkthroughs and all(w["school_id"] == school_id for w in walkthroughs)

        analytics = services_of(system.config).analytics.as_user(region.token or "")
        export = f"/v1/exports/{record['export_id']}"
        deadline = time.monotonic() + 300
        while analytics.get(export)["status"] in ("queued", "running"):
            assert time.monotonic() < deadline, analytics.get(export)
            time.sleep(1)
        assert analytics.get(export)["status"] == "succeeded"
        pdf = analytics.raw("GET", f"{export}/download", params={"format": "pdf"})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    with running_system(tmp_path / "var", env=env) as second:
        second.wait_for_output(SEEDED, timeout_s=120)
        assert "Seeding the demo network" not in second.log(400)
        again = services_of(second.config).intake.as_user(observer.token or "")
        assert len(list(all_items(again, "/v1/walkthroughs"))) == len(walkthroughs)
