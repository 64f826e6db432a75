"""Issue #14, capture: walkthroughs captured with the browser's network off survive a reload
and a closed tab, reach intake exactly once when the device is back online (also when a sync
is cut off half-way), and through the pipeline analytics; a walkthrough intake refuses shows
why and is accepted once fixed. The capture screens at phone width, axe-clean."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from canopy_shared.demo.network import all_items
from tests.e2e.web.capture import (
    capture,
    fill_and_submit,
    outbox_ids,
    start_walkthrough,
    wait_until_offline_ready,
)
from tests.e2e.web.screens import eventually
from tests.e2e.web.session import SignIn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
Api = Callable[[str, str], Any]
Check = Callable[[Page], None]
Shoot = Callable[[Page, str], Path]
PHONE = {"width": 390, "height": 844}


def stored_ids(api_as: Api) -> set[str]:
    intake = api_as("observer", "intake")
    return {w["observation_id"] for w in all_items(intake, "/v1/walkthroughs")}


def district_n(api_as: Api) -> int:
    """The district's walkthroughs this school year, as its admin's dashboard counts them."""
    summary = api_as("district_admin", "analytics").get("/v1/summary")
    return sum(m.get("walkthroughs") or 0 for m in summary["walkthroughs_by_month"])


def wait_for_n(api_as: Api, expected: int, *, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while (n := district_n(api_as)) != expected:
        assert n < expected, f"analytics counts {n}, more than the {expected} expected"
        assert time.monotonic() < deadline, f"analytics still counts {n}, not {expected}"
        time.sleep(1)


def test_walkthroughs_captured_offline_reach_intake_and_analytics_exactly_once(
    people: SignIn, system: Any, api_as: Api, axe_check: Check, screenshot: Shoot
) -> None:
    before, n_before = stored_ids(api_as), district_n(api_as)
    with people.session("observer") as session:
        page, context = session.page, session.page.context
        wait_until_offline_ready(page)
        context.set_offline(True)
        made = {capture(page, 0, share=True, note="Clear objective.")}
        made |= {capture(page, i) for i in (1, 2)}
        page.get_by_test_id("capture-notice").wait_for()
        screenshot(page, "capture-start-offline")

        page.reload()  # the network is still off: the service worker serves the app
        page.goto(f"{system.web_url}/capture/outbox")
        page.get_by_test_id("outbox-queued").wait_for()
        assert outbox_ids(page, "queued") == made
        axe_check(page)
        screenshot(page, "capture-outbox-offline")
        assert stored_ids(api_as) == before, "something left the device while it was offline"

        page.close()  # the tab's session goes with it; the queue stays on the device
        page = context.new_page()
        page.goto(f"{system.web_url}/capture/outbox")
        page.get_by_test_id("signin-email").wait_for()  # offline, from the service worker
        context.set_offline(False)
        people.sign_in(page, "observer", next_path="/capture/outbox")
        eventually(lambda: _assert_equal(outbox_ids(page, "sent"), made), timeout_s=60)

    new = stored_ids(api_as) - before
    assert new == made
    for observation_id in made:
        stored = api_as("observer", "intake").get(f"/v1/walkthroughs/{observation_id}")
        assert stored["observation_id"] == observation_id
    wait_for_n(api_as, n_before + 3)


def test_a_sync_cut_off_half_way_and_retried_stores_each_walkthrough_once(
    people: SignIn, api_as: Api
) -> None:
    before, n_before = stored_ids(api_as), district_n(api_as)
    attempts: list[str] = []

    def answer_lost_once(route: Route) -> None:
        if route.request.method != "POST":  # a CORS preflight
            route.continue_()
            return
        attempts.append(route.request.method)
        if len(attempts) == 1:
            route.fetch()  # intake stores the batch ...
            route.abort("connectionreset")  # ... and the device never hears back
        else:
            route.continue_()

    with people.session("observer") as session:
        page, context = session.page, session.page.context
        wait_until_offline_ready(page)
        context.set_offline(True)
        made = {capture(page, i) for i in range(3, 6)}
        page.route("**/v1/walkthroughs/batch", answer_lost_once)
        context.set_offline(False)
        page.goto(f"{page.url.split('/capture')[0]}/capture/outbox")
        eventually(lambda: _assert_equal(outbox_ids(page, "sent"), made), timeout_s=60)

    assert attempts.count("POST") >= 2, attempts
    assert stored_ids(api_as) - before == made
    wait_for_n(api_as, n_before + 3)


def test_a_refused_walkthrough_shows_why_and_is_accepted_once_fixed_at_phone_width(
    people: SignIn, system: Any, api_as: Api, axe_check: Check, screenshot: Shoot
) -> None:
    with people.session("observer", viewport=PHONE) as session:
        page = session.page
        wait_until_offline_ready(page)
        axe_check(page)
        screenshot(page, "capture-start-phone")
        # The tablet's clock runs half an hour ahead: the form cannot tell, intake can.
        page.clock.set_system_time(datetime.now() + timedelta(minutes=30))
        observation_id = start_walkthrough(page, 6)
        axe_check(page)
        screenshot(page, "capture-form-phone")
        fill_and_submit(page, share=True, note="Strong questioning.")

        page.goto(f"{system.web_url}/capture/outbox")
        reason = page.get_by_test_id("outbox-reason")
        reason.wait_for(timeout=60_000)
        assert reason.get_attribute("data-field") == "observed_at"
        assert "future" in reason.inner_text()
        axe_check(page)
        screenshot(page, "capture-outbox-rejected-phone")

        page.get_by_test_id("outbox-fix").click()
        page.get_by_test_id("capture-rejection").wait_for()
        real_time = (datetime.now() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
        page.get_by_test_id("capture-observed").fill(real_time)
        page.get_by_test_id("capture-submit").click()
        page.get_by_test_id("capture-start").wait_for()
        page.goto(f"{system.web_url}/capture/outbox")
        eventually(lambda: _assert_equal(outbox_ids(page, "sent"), {observation_id}), timeout_s=60)
        screenshot(page, "capture-outbox-phone")

    stored = api_as("observer", "intake").get(f"/v1/walkthroughs/{observation_id}")
    assert stored["shared_with_teacher"] is True


def _assert_equal(found: set[str], expected: set[str]) -> None:
    assert found == expected, (found, expected)
