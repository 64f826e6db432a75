"""`make run` seeds a demo network a newcomer can explore at once, through the public APIs, and
a second run finds it already there. The demo tells a story a region leader can see through the
API (and so in the web app): districts differ, one look-for turns around after mid-term in one
district, one lags network-wide, small schools are suppressed, coverage is uneven."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from canopy_shared.demo.__main__ import services_of
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import all_items
from canopy_shared.demo.plan import DEMO
from canopy_shared.demo.story import IMPROVING_DISTRICT, IMPROVING_LOOK_FOR, LAGGING_LOOK_FOR
from canopy_shared.testing.system import RunningSystem, running_system, system_environment

# Seeding the demo (about 2,000 walkthroughs through the public APIs) takes minutes on 2 cores.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
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

        leader = _sign_in(system, "region.leader@demo.canopy.test", record["password"])
        assert_the_story_is_visible(
            services_of(system.config).analytics.as_user(leader.token or "")
        )

    with running_system(tmp_path / "var", env=env) as second:
        second.wait_for_output(SEEDED, timeout_s=120)
        assert "Seeding the demo network" not in second.log(400)
        again = services_of(second.config).intake.as_user(observer.token or "")
        assert len(list(all_items(again, "/v1/walkthroughs"))) == len(walkthroughs)


def assert_the_story_is_visible(analytics: Api) -> None:
    summary = analytics.get("/v1/summary")
    template_id = summary["templates"][0]["template_id"]
    district_ids = {d["name"]: d["district_id"] for d in summary["districts"]}
    codes = {plan.code: district_ids[plan.name] for plan in DEMO.districts}

    # One look-for lags network-wide: the lowest mean of the year.
    year = {i["indicator"]: i["mean_rating"] for i in summary["templates"][0]["indicators"]}
    assert min(year, key=lambda key: year[key]) == LAGGING_LOOK_FOR, year

    # Districts differ: the strongest district's mean is clearly above the weakest's.
    heatmap = analytics.get("/v1/heatmap", template_id=template_id, by="district")
    means = {row["name"]: _average(row["cells"]) for row in heatmap["rows"]}
    assert max(means.values()) - min(means.values()) >= 0.3, means

    # One look-for turns around after mid-term in one district, and only there.
    change = {code: _term_change(analytics, template_id, d) for code, d in codes.items()}
    assert change[IMPROVING_DISTRICT] >= 0.4, change
    assert all(
        change[IMPROVING_DISTRICT] - c >= 0.25 for k, c in change.items() if k != IMPROVING_DISTRICT
    ), change

    # Small schools are suppressed, with their reason, and every district still shows schools.
    # Since region figures are released by closed month and the finest cube of a release is
    # decided once (issue #19), complementary suppression reaches more schools than before:
    # up to two thirds of them (16 of 30 in the demo); the closing note of wave 2 records it.
    hidden = 0
    for district_id in codes.values():
        schools = analytics.get(
            "/v1/heatmap", template_id=template_id, by="school", district_id=district_id
        )
        shown = [r for r in schools["rows"] if not all(c["suppressed"] for c in r["cells"])]
        assert shown, f"every school of district {district_id} is hidden"
        hidden += len(schools["rows"]) - len(shown)
    assert 3 <= hidden <= 2 * sum(len(d.schools) for d in DEMO.districts) // 3, hidden

    # Coverage is uneven: some districts observe far more of their teachers than others.
    observed = [d["share_teachers_observed"] for d in summary["districts"]]
    assert len({json.dumps(share, sort_keys=True) for share in observed}) == len(observed), observed


def _term_change(analytics: Api, template_id: str, district_id: str) -> float:
    """The improving look-for's mean in the district's last month minus its first month."""
    trends = analytics.get(
        "/v1/trends",
        template_id=template_id,
        indicator=IMPROVING_LOOK_FOR,
        district_id=district_id,
        granularity="month",
        end=date.today().isoformat(),
    )
    points = [p for p in trends["series"][0]["points"] if p.get("mean_rating") is not None]
    assert len(points) >= 2, trends["series"][0]["points"]
    return float(points[-1]["mean_rating"] - points[0]["mean_rating"])


def _average(cells: list[dict[str, Any]]) -> float:
    values = [c["mean_rating"] for c in cells if c.get("mean_rating") is not None]
    return sum(values) / len(values)
