"""Issue #12's region leader, in a real browser against the running demo: every figure on the
overview, trends, heat map and coverage screens equals the API's answer for the same filters;
the heat map hatches exactly the cells the API suppressed; no roster name, e-mail or teacher id
reaches the page, its network answers or its storage; no admin action is offered, and an admin
URL explains itself. axe finds nothing on any screen; each screen is photographed.

The tests share one signed-in tab and run in the order written; the roster check comes last
and searches everything the tab showed and received."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from canopy_shared.demo.plan import DEMO
from canopy_shared.demo.story import IMPROVING_DISTRICT
from tests.e2e.web.browser import storage_text
from tests.e2e.web.figures import count_display, rating_display, share_display, shown, value_of
from tests.e2e.web.screens import choose, eventually, open_screen, page_filters
from tests.e2e.web.session import Session, SignIn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
Check = Callable[[Page], None]
Shoot = Callable[[Page, str], Path]


@pytest.fixture(scope="module")
def leader(people: SignIn) -> Iterator[Session]:
    with people.session("region_leader") as session:
        yield session


@pytest.fixture(scope="module")
def analytics(api_as: Callable[[str, str], Any]) -> Any:
    return api_as("region_leader", "analytics")


def test_sign_in_lands_on_an_overview_equal_to_the_summary(
    leader: Session, analytics: Any, axe_check: Check, screenshot: Shoot
) -> None:
    page = leader.page
    page.get_by_test_id("kpi-walkthroughs").wait_for(timeout=90_000)
    leader.traffic.wait_for_query(page, "/v1/summary")
    summary = analytics.get("/v1/summary")
    totals = summary["totals"]
    assert value_of(page, "kpi-walkthroughs") == count_display(totals["teachers_observed"])
    assert value_of(page, "kpi-schools-visited") == share_display(totals["share_schools_visited"])
    assert value_of(page, "kpi-teachers-observed") == share_display(
        totals["share_teachers_observed"]
    )
    rows = {(r["template"], r["indicator"]): r for r in shown(page.get_by_test_id("indicator-row"))}
    expected = {
        (t["template_id"], i["indicator"]): i for t in summary["templates"] for i in t["indicators"]
    }
    assert set(rows) == set(expected)
    means = shown(page.get_by_test_id("indicator-mean"))
    shares = shown(page.get_by_test_id("indicator-share"))
    for (key, indicator), mean, share in zip(expected.items(), means, shares, strict=True):
        assert mean["value"] == (rating_display(indicator) or ""), key
        assert share["value"] == (
            "" if indicator["suppressed"] else share_display(indicator["share"])
        )
    districts = {d["district_id"]: d for d in summary["districts"]}
    shown_districts = shown(page.get_by_test_id("district-row"))
    assert [d["district"] for d in shown_districts] == list(districts)
    for district, walkthroughs in zip(
        districts.values(), shown(page.get_by_test_id("district-walkthroughs")), strict=True
    ):
        assert walkthroughs["value"] == (count_display(district["teachers_observed"]) or "Hidden")
    axe_check(page)
    screenshot(page, "region-overview")
    leader.keep_screen()


def assert_trends_equal_the_api(page: Page, analytics: Any, query: dict[str, str]) -> None:
    answer = analytics.get("/v1/trends", **query)
    metric = page_filters(page).get("metric", "mean")
    expected = {
        (series["indicator"], point["period"]): point
        for series in answer["series"]
        for point in series["points"]
    }
    points = shown(page.get_by_test_id("trend-point"))
    assert points, "no trend point drawn"
    for point in points:
        cell = expected[(point["line"], point["period"])]
        if point.get("suppressed") == "true":
            assert cell["suppressed"], point
        else:
            assert point.get("value") == rating_display(cell, metric), (point, cell)
    drawn = {(p["line"], p["period"]) for p in points if p.get("value")}
    published = {key for key, cell in expected.items() if rating_display(cell, metric)}
    assert drawn == published  # every published figure is drawn, nothing else is


def test_trends_equal_the_api_for_the_chosen_filters(
    leader: Session, analytics: Any, axe_check: Check, screenshot: Shoot
) -> None:
    page = open_screen(leader, "trends", "trend-point")
    traffic = leader.traffic
    query = traffic.wait_for_query(page, "/v1/trends", district_id=None)
    eventually(lambda: assert_trends_equal_the_api(page, analytics, query))
    axe_check(page)
    screenshot(page, "region-trends")
    leader.keep_screen()

    # The demo's story: the district whose look-for turns around after mid-term, by month.
    districts = analytics.get("/v1/summary")["districts"]
    improving = next(d for d in districts if d["name"] == improving_district_name())
    choose(page, "filter-district", improving["district_id"])
    query = traffic.wait_for_query(
        page, "/v1/trends", district_id=improving["district_id"], granularity="month"
    )
    eventually(lambda: assert_trends_equal_the_api(page, analytics, query))
    screenshot(page, "region-trends-district")
    leader.keep_screen()

    # The best-covered district by week, then the same answer as shares.
    busiest = max(districts, key=lambda d: d["teachers_observed"].get("walkthroughs") or 0)
    choose(page, "filter-district", busiest["district_id"])
    choose(page, "filter-by", "week")
    query = traffic.wait_for_query(
        page, "/v1/trends", district_id=busiest["district_id"], granularity="week"
    )
    eventually(lambda: assert_trends_equal_the_api(page, analytics, query))
    choose(page, "filter-metric", "share")  # drawn from the same answer
    eventually(lambda: assert_trends_equal_the_api(page, analytics, query))
    axe_check(page)
    screenshot(page, "region-trends-weekly-district")
    leader.keep_screen()


def improving_district_name() -> str:
    return next(d.name for d in DEMO.districts if d.code == IMPROVING_DISTRICT)


def assert_heatmap_equals_the_api(page: Page, analytics: Any, query: dict[str, str]) -> None:
    answer = analytics.get("/v1/heatmap", **query)
    metric = page_filters(page).get("metric", "mean")
    expected = {
        (row["org"].partition(":")[2], cell["indicator"]): cell
        for row in answer["rows"]
        for cell in row["cells"]
    }
    cells = shown(page.get_by_test_id("heat-cell"))
    assert len(cells) == len(expected)
    for cell in cells:
        api_cell = expected[(cell["row"].partition(":")[2] or cell["row"], cell["col"])]
        if cell.get("suppressed") == "true":
            assert api_cell["suppressed"], cell
        else:
            assert cell.get("value") == rating_display(api_cell, metric), (cell, api_cell)
    hatched = sum(1 for c in cells if c.get("suppressed") == "true")
    assert hatched == sum(1 for c in expected.values() if c["suppressed"])
    assert hatched == answer["suppression"]["suppressed_cells"]
    assert value_of(page, "suppressed-count") == str(hatched)


def test_heat_map_equals_the_api_and_hatches_every_suppressed_cell(
    leader: Session, analytics: Any, axe_check: Check, screenshot: Shoot
) -> None:
    page = open_screen(leader, "heatmap", "heat-cell")
    traffic = leader.traffic
    network = traffic.wait_for_query(page, "/v1/heatmap", district_id=None)
    eventually(lambda: assert_heatmap_equals_the_api(page, analytics, network))
    axe_check(page)
    screenshot(page, "region-heatmap")
    leader.keep_screen()

    hatched_schools = 0
    for drill in range(page.get_by_test_id("heat-drill").count()):
        page.get_by_test_id("heat-drill").nth(drill).click()
        page.wait_for_url(lambda url: "district=" in url)
        district = page_filters(page)["district"]
        query = traffic.wait_for_query(page, "/v1/heatmap", district_id=district)
        eventually(lambda q=query: assert_heatmap_equals_the_api(page, analytics, q))
        hatched_schools += page.locator('[data-testid="heat-cell"][data-suppressed="true"]').count()
        if drill == 0:
            axe_check(page)
            screenshot(page, "region-heatmap-schools")
        leader.keep_screen()
        page.get_by_test_id("heatmap-back").click()
        page.wait_for_url(lambda url: "district=" not in url)
        eventually(lambda: assert_heatmap_equals_the_api(page, analytics, network))
    assert hatched_schools > 0, "the demo's small schools show as hatched cells"


def test_distribution_is_drawn_from_the_api(
    leader: Session, analytics: Any, axe_check: Check, screenshot: Shoot
) -> None:
    page = open_screen(leader, "distribution", "stack-row")
    query = leader.traffic.wait_for_query(page, "/v1/distribution")
    answer = analytics.get("/v1/distribution", **query)
    rows = shown(page.get_by_test_id("stack-row"))
    assert [r["row"] for r in rows] == [i["indicator"] for i in answer["indicators"]]
    axe_check(page)
    screenshot(page, "region-distribution")
    leader.keep_screen()


def test_coverage_equals_the_api(
    leader: Session, analytics: Any, axe_check: Check, screenshot: Shoot
) -> None:
    page = open_screen(leader, "coverage", "coverage-part-cell")
    answer = analytics.get("/v1/coverage", **leader.traffic.wait_for_query(page, "/v1/coverage"))
    year = answer["school_years"][-1]
    assert value_of(page, "coverage-schools-visited") == share_display(
        year["share_schools_visited"]
    )
    assert value_of(page, "coverage-teachers-observed") == share_display(
        year["share_teachers_observed"]
    )
    assert value_of(page, "coverage-walkthroughs") == count_display(year["teachers_observed"])
    expected = {
        (part["org"], bucket["period"]): part
        for bucket in answer["over_time"]
        for part in bucket["parts"]
    }
    cells = shown(page.get_by_test_id("coverage-part-cell"))
    periods = {cell["period"] for cell in cells}
    assert cells and len(cells) == sum(1 for _, period in expected if period in periods)
    for cell in cells:
        part = expected[(cell["row"], cell["period"])]
        if cell.get("suppressed") == "true":
            assert part["suppressed"], cell
        else:
            assert cell["value"] == count_display(part), (cell, part)
    # Only periods with no walkthrough anywhere (not reached yet) are left out.
    left_out = {period for _, period in expected} - periods
    assert all(count_display(expected[key]) == "0" for key in expected if key[1] in left_out)
    axe_check(page)
    screenshot(page, "region-coverage")
    leader.keep_screen()


def test_no_admin_action_is_offered_and_an_admin_url_explains_itself(
    leader: Session, system: Any, axe_check: Check, screenshot: Shoot
) -> None:
    page = leader.page
    assert page.get_by_test_id("nav-trends").count() == 1
    assert page.get_by_test_id("nav-templates").count() == 0
    assert page.get_by_test_id("nav-districts").count() == 0
    for path, action in (
        ("/region/templates/new", "templates"),
        ("/region/districts", "districts"),
    ):
        page.goto(f"{system.web_url}{path}")
        refusal = page.get_by_test_id("role-refusal")
        refusal.wait_for()
        assert "Region leader" in refusal.inner_text() and action in refusal.inner_text()
        axe_check(page)
    screenshot(page, "region-leader-refused")
    leader.keep_screen()


def test_no_roster_data_reaches_a_region_session(leader: Session, roster: set[str]) -> None:
    everything = {
        "the screens' HTML": "\n".join(leader.screens),
        "the services' answers": leader.traffic.text(),
        "local and session storage": storage_text(leader.page),
    }
    assert len(leader.screens) >= 6 and len(leader.traffic.urls) >= 6
    for where, text in everything.items():
        found = sorted(secret for secret in roster if secret in text)
        assert not found, f"roster data in {where}: {found[:5]}"
