"""Issue 18's goal screens in a real browser against the running demo: a region admin sets a
goal through the form (a goal without a look-for is refused, naming it); a district admin adopts
it through the adopt flow and sees its district's exact progress; another district adapts it;
the region's goal page shows the alignment both ways and each district's progress exactly as
the API shows the region (a hidden figure carries no number). axe finds nothing; each screen is
photographed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from canopy_shared.demo.__main__ import services_of
from tests.e2e.web.figures import shown
from tests.e2e.web.screens import eventually, open_screen
from tests.e2e.web.session import Session, SignIn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
Check = Callable[[Page], None]
Shoot = Callable[[Page, str], Path]
LOOK_FOR = "Students explain their thinking to peers"
TITLE = "Peer discourse in every classroom"


@pytest.fixture(scope="module")
def region_admin(people: SignIn) -> Iterator[Session]:
    with people.session("region_admin") as session:
        yield session


@pytest.fixture(scope="module")
def district_admin(people: SignIn) -> Iterator[Session]:
    with people.session("district_admin") as session:
        yield session


@pytest.fixture(scope="module")
def state() -> dict[str, Any]:
    return {}


def assert_rows_equal_the_api(page: Page, progress: list[dict[str, Any]]) -> None:
    rows = {r["org"]: r for r in shown(page.get_by_test_id("goal-progress"))}
    for expected in progress:
        row = rows[expected["org"]]
        current = expected["current"]
        assert row["status"] == expected["status"]
        if current and current["suppressed"]:
            assert row.get("suppressed") == "true" and not row.get("value")
        elif current and current["value"] is not None:
            assert row["value"] == current["display"]
        else:
            assert row["state"] == "empty"
    for hidden in page.locator("[data-testid=goal-progress][data-suppressed=true]").all():
        assert not re.search(r"\d", hidden.inner_text()), "a hidden figure shows a number"


def test_a_region_admin_sets_a_goal_through_the_form(
    region_admin: Session, api_as: Any, state: dict[str, Any], axe_check: Check, screenshot: Shoot
) -> None:
    page = open_screen(region_admin, "goals", "goal-new")
    page.get_by_test_id("goal-new").click()
    page.get_by_test_id("goal-form").wait_for(timeout=90_000)
    page.get_by_test_id("goal-submit").click()
    assert "look-for" in page.get_by_test_id("goal-error-look_fors").inner_text()
    page.get_by_test_id("goal-title").fill(TITLE)
    page.get_by_label(LOOK_FOR).check()
    page.get_by_test_id("goal-level").select_option("3")
    page.get_by_test_id("goal-share").fill("70")
    page.get_by_test_id("goal-start").fill((date.today() - timedelta(days=45)).isoformat())
    page.get_by_test_id("goal-deadline").fill((date.today() + timedelta(days=200)).isoformat())
    page.get_by_test_id("goal-owner").fill("Director of Teaching and Learning")
    page.get_by_test_id("goal-rationale").fill("Our network's focus: students talk about ideas.")
    axe_check(page)
    screenshot(page, "goal-new")
    page.get_by_test_id("goal-submit").click()
    page.get_by_test_id("goal-page").wait_for(timeout=90_000)
    goal_id = page.get_by_test_id("goal-page").get_attribute("data-goal")
    state["goal_id"] = goal_id
    answer = api_as("region_admin", "analytics").get(f"/v1/goals/{goal_id}")
    assert answer["look_fors"][0]["text"] == LOOK_FOR and answer["target_share"] == 0.7
    assert_rows_equal_the_api(page, answer["progress"])


def test_a_district_adopts_it_and_sees_its_exact_progress(
    district_admin: Session, api_as: Any, state: dict[str, Any], axe_check: Check, screenshot: Shoot
) -> None:
    page = open_screen(district_admin, "goals", "goal-link")
    page.locator(f"[data-testid=goal-link][data-goal='{state['goal_id']}']").click()
    page.get_by_test_id("goal-adopt").wait_for(timeout=90_000)
    page.get_by_test_id("adopt-mode-adopt").check()
    page.get_by_test_id("adopt-owner").fill("Curriculum director")
    page.get_by_test_id("adopt-submit").click()
    page.get_by_test_id("goal-parent").wait_for(timeout=90_000)
    mine = page.get_by_test_id("goal-page").get_attribute("data-goal")
    answer = api_as("district_admin", "analytics").get(f"/v1/goals/{mine}")
    assert answer["alignment"] == "adopted" and answer["parent"]["goal_id"] == state["goal_id"]
    headline = answer["progress"][0]
    assert not (headline["current"] or {}).get("suppressed"), "a district's own figure is exact"
    assert_rows_equal_the_api(page, answer["progress"])
    if headline["current"]:
        assert headline["current"]["value"] is not None
    axe_check(page)
    screenshot(page, "goal-district-adopted")


def test_the_region_sees_the_alignment_both_ways_and_protected_progress(
    region_admin: Session,
    system: Any,
    demo: dict[str, Any],
    api_as: Any,
    state: dict[str, Any],
    axe_check: Check,
    screenshot: Shoot,
) -> None:
    services = services_of(system.config)
    second = [a["email"] for a in demo["sign_ins"] if a["role"] == "district_admin"][1]
    token = services.tenancy.post(
        "/v1/auth/token", {"email": second, "password": demo["password"]}
    )["access_token"]
    services.analytics.as_user(token).post(
        f"/v1/goals/{state['goal_id']}/adoptions",
        {"mode": "adapt", "target_share": 0.6, "owner": "Assistant superintendent"},
    )
    page = region_admin.page
    page.goto(f"{system.web_url}/region/goals/{state['goal_id']}")
    page.get_by_test_id("goal-page").wait_for(timeout=90_000)
    answer = api_as("region_admin", "analytics").get(f"/v1/goals/{state['goal_id']}")

    def children_shown() -> None:
        children = shown(page.get_by_test_id("goal-child"))
        assert sorted(c["alignment"] for c in children) == ["adapted", "adopted"]

    eventually(children_shown)
    assert_rows_equal_the_api(page, answer["progress"])
    for point in page.locator("[data-testid=trend-point][data-suppressed=true]").all():
        assert point.get_attribute("data-value") is None
    axe_check(page)
    screenshot(page, "goal-region")
    page.get_by_test_id("nav-goals").click()
    page.get_by_test_id("goal-list").wait_for(timeout=90_000)
    listed = api_as("region_admin", "analytics").get("/v1/goals")["goals"]
    region_goal = next(g for g in listed if g["goal_id"] == state["goal_id"])
    card = page.locator("[data-testid=goal-card]").filter(has_text=TITLE).first
    assert card.is_visible() and len(region_goal["progress"]) >= 2
    axe_check(page)
    screenshot(page, "goals-region-list")
