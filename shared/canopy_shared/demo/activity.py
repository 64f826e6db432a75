"""The demo's activity after its people exist: the region pushes its rubric down, observers
submit a semester of walkthroughs through intake's offline-sync batch endpoint."""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from canopy_shared.demo.client import Api
from canopy_shared.demo.network import Network, School, Services, eventually
from canopy_shared.demo.plan import DistrictPlan, NetworkPlan, walkthrough_period
from canopy_shared.demo.rubric import REGION_RUBRIC, indicator_values
from canopy_shared.demo.story import Coverage
from canopy_shared.demo.walkthroughs import (
    UNOBSERVED_SHARE,
    FormVersion,
    SchoolStaff,
    school_days,
    walkthroughs,
)

BATCH_SIZE = 100


def push_region_rubric(
    services: Services, network: Network, *, locked: bool = True
) -> dict[str, Any]:
    """Create, publish and push the region's rubric to every connected district; the version."""
    templates = services.templates.as_user(network.region_admin.token)
    template = templates.post("/v1/templates", REGION_RUBRIC)
    version: dict[str, Any] = templates.post(f"/v1/templates/{template['template_id']}/publish", {})
    templates.post(f"/v1/templates/{template['template_id']}/push", {"locked": locked})
    return version


def submit_semester(
    services: Services, network: Network, version: dict[str, Any], plan: NetworkPlan, today: date
) -> list[dict[str, Any]]:
    """Every walkthrough body intake accepted, for callers that check figures against them."""
    form = FormVersion(version["version_id"], indicator_values(version))
    days = school_days(*walkthrough_period(today, plan.weeks))
    rng = random.Random(plan.seed)
    submitted: list[dict[str, Any]] = []
    # The network was built in the plan's order: each district with its plan.
    for district_plan, district in zip(plan.districts, network.districts, strict=True):
        for school in district.schools:
            strength = rng.uniform(-1, 1)
            staff = _staff(school, district_plan, strength)
            bodies = _school_term(staff, form, days, plan, district_plan, rng)
            submitted += _submit_school(services, school, bodies)
    return submitted


def _staff(school: School, district_plan: DistrictPlan, strength: float) -> SchoolStaff:
    assert school.observer is not None
    return SchoolStaff(
        school.id, school.teacher_ids, [school.observer.token], strength, district_plan.code
    )


def _school_term(
    staff: SchoolStaff,
    form: FormVersion,
    days: list[date],
    plan: NetworkPlan,
    district_plan: DistrictPlan,
    rng: random.Random,
) -> list[dict[str, Any]]:
    coverage = district_plan.coverage or Coverage(plan.visits_per_teacher, UNOBSERVED_SHARE)
    pairs = walkthroughs(
        staff, form, days, plan.visits_per_teacher, rng, story=plan.story, coverage=coverage
    )
    return [body for _, body in pairs]


def _submit_school(
    services: Services, school: School, bodies: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    assert school.observer is not None
    if not bodies:
        return []
    intake = services.intake.as_user(school.observer.token)
    # The first one waits until intake's read models know the school, teachers and version.
    eventually(
        lambda: intake.post("/v1/walkthroughs", bodies[0]), what=f"walkthrough at {school.name}"
    )
    for start in range(1, len(bodies), BATCH_SIZE):
        answer = intake.post(
            "/v1/walkthroughs/batch", {"walkthroughs": bodies[start : start + BATCH_SIZE]}
        )
        rejected = [r for r in answer["results"] if r["status"] == "rejected"]
        if rejected:
            raise RuntimeError(
                f"intake rejected demo walkthroughs at {school.name}: {rejected[:3]}"
            )
    return bodies


def wait_until_analysed(services: Services, network: Network, walkthroughs: int) -> None:
    """Until analytics has every demo walkthrough, as the districts see them (exact and live;
    region figures come from releases, issue #19)."""
    districts = [services.analytics.as_user(d.admin.token) for d in network.districts]
    deadline = time.monotonic() + 180
    while sum(map(_analysed, districts)) < walkthroughs and time.monotonic() < deadline:
        time.sleep(1)


def export_evidence(services: Services, network: Network) -> str:
    """The region admin runs the grant-evidence export (every format) and publishes its
    snapshot to the region's partner topic."""
    analytics = services.analytics.as_user(network.region_admin.token)
    job = analytics.post("/v1/exports", {"publish_to_partners": True})
    return str(job["export_id"])


def _analysed(analytics: Api) -> int:
    summary = analytics.get("/v1/summary")
    return int(summary["totals"]["teachers_observed"].get("walkthroughs") or 0)
