"""Issue #14's feedback loop and region coach, in a real browser against the running demo.

- A teacher sees exactly the walkthroughs shared with them (newest first) and acknowledges one
  with a reply; a second answer is refused (409); the observer who ran it sees the reply.
- A region coach assigned to one school captures there in the capture app (its kit holds only
  that school's roster) and is refused at another by intake; once the
  district revokes the assignment they are refused there too (how long intake took to refuse is
  printed: it learns the revocation from the bus).

axe finds nothing on any screen; each screen is photographed."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from canopy_shared.demo.__main__ import services_of
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import all_items
from canopy_shared.testing.system import RunningSystem
from tests.e2e.web.capture import capture, wait_until_offline_ready
from tests.e2e.web.screens import eventually
from tests.e2e.web.session import Session, SignIn, account

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
Check = Callable[[Page], None]
Shoot = Callable[[Page, str], Path]
REPLY = f"Thank you - I will try the turn-and-talk stems next week ({uuid.uuid4().hex[:6]})."


def signed_in_api(system: RunningSystem, demo: dict[str, Any], role: str, service: str) -> Api:
    """A fresh token (api_as caches one per role: a revoked one would stay revoked)."""
    services = services_of(system.config)
    body = {"email": account(demo, role), "password": demo["password"]}
    token = services.tenancy.post("/v1/auth/token", body)["access_token"]
    return getattr(services, service).as_user(token)


@pytest.fixture(scope="module")
def teacher(people: SignIn) -> Iterator[Session]:
    with people.session("teacher") as session:
        yield session


def test_a_teacher_sees_exactly_what_was_shared_and_the_observer_sees_the_reply(
    teacher: Session,
    people: SignIn,
    api_as: Callable[[str, str], Any],
    axe_check: Check,
    screenshot: Shoot,
) -> None:
    me = api_as("teacher", "tenancy").get("/v1/me")
    district = api_as("district_admin", "intake")
    of_teacher = list(all_items(district, "/v1/walkthroughs", teacher_id=me["teacher_id"]))
    shared = [w["observation_id"] for w in of_teacher if w["shared_with_teacher"]]
    assert shared and len(shared) < len(of_teacher), "the demo shares some, not all"

    page = teacher.page
    page.wait_for_url(lambda url: url.endswith("/teacher"))
    cards = page.get_by_test_id("feedback-walkthrough")
    cards.first.wait_for()
    shown = [cards.nth(i).get_attribute("data-observation-id") for i in range(cards.count())]
    assert shown == shared  # exactly those, newest first (intake's order for the district too)
    assert page.get_by_test_id("feedback-rating").count() >= len(shared)
    axe_check(page)
    screenshot(page, "teacher-feedback")

    target = page.locator('[data-testid="feedback-walkthrough"][data-acknowledged="false"]').first
    observation_id = target.get_attribute("data-observation-id")
    target.get_by_test_id("acknowledge-reply").fill(REPLY)
    with page.expect_response(lambda r: r.url.endswith("/acknowledgement")) as answer:
        target.get_by_test_id("acknowledge-submit").click()
    assert answer.value.status == 201
    done = page.locator(f'[data-observation-id="{observation_id}"] [data-testid="acknowledgement"]')
    done.wait_for()
    assert REPLY in done.inner_text()
    axe_check(page)
    screenshot(page, "teacher-feedback-acknowledged")
    teacher.keep_screen()

    again = api_as("teacher", "intake").raw(
        "POST", f"/v1/walkthroughs/{observation_id}/acknowledgement", json={"reply": "Again"}
    )
    assert again.status_code == 409 and again.json()["error"]["rule"] == "acknowledged_once"
    other_roster_teacher = next(w for w in of_teacher if not w["shared_with_teacher"])
    hidden = api_as("teacher", "intake").raw(
        "GET", f"/v1/walkthroughs/{other_roster_teacher['observation_id']}"
    )
    assert hidden.status_code == 404
    refused = api_as("teacher", "analytics").raw("GET", "/v1/summary")
    assert refused.status_code == 403  # no analytics for teachers

    with people.session("observer") as observer:
        page = observer.page
        page.get_by_test_id("nav-walkthroughs").click()
        row = page.locator(
            f'[data-testid="my-walkthrough"][data-observation-id="{observation_id}"]'
        )
        row.wait_for(timeout=60_000)
        assert row.get_attribute("data-status") == "replied"
        assert REPLY in row.get_by_test_id("my-walkthrough-reply").inner_text()
        page.get_by_test_id("my-walkthroughs-filter").select_option("replied")
        eventually(lambda: _all_rows_say(page, "replied"))
        axe_check(page)
        screenshot(page, "observer-my-walkthroughs")


def _all_rows_say(page: Page, status: str) -> None:
    rows = page.get_by_test_id("my-walkthrough")
    statuses = {rows.nth(i).get_attribute("data-status") for i in range(rows.count())}
    assert statuses == {status}, statuses


def test_a_region_coach_submits_only_where_assigned_until_the_district_revokes(
    system: RunningSystem,
    demo: dict[str, Any],
    people: SignIn,
    api_as: Callable[[str, str], Any],
    axe_check: Check,
    screenshot: Shoot,
) -> None:
    coach_tenancy = signed_in_api(system, demo, "region_coach", "tenancy")
    coach_id = coach_tenancy.get("/v1/me")["id"]
    district = api_as("district_admin", "tenancy")
    district_id = district.get("/v1/me")["org_id"]
    coaches = district.get(f"/v1/districts/{district_id}/region-coaches")["items"]
    (assigned,) = next(c["school_ids"] for c in coaches if c["user_id"] == coach_id)
    elsewhere = next(
        s["id"]
        for s in all_items(district, "/v1/schools", district_id=district_id)
        if s["id"] != assigned
    )
    coach = signed_in_api(system, demo, "region_coach", "intake")
    here = _walkthrough(system, coach_tenancy, district_id, assigned)
    created = coach.raw("POST", "/v1/walkthroughs", json=here)
    assert created.status_code == 201, created.text
    assert created.json()["district_id"] == district_id  # the district's data
    there = _walkthrough(system, district, district_id, elsewhere)
    refused = coach.raw("POST", "/v1/walkthroughs", json=there)
    assert refused.status_code == 403 and refused.json()["error"]["field"] == "school_id"

    with people.session("region_coach") as session:
        page = session.page
        page.wait_for_url(lambda url: url.endswith("/capture"))  # a coach lands on capture
        wait_until_offline_ready(page)
        # The coach's kit holds the one assigned school (no school to pick) and its roster only.
        assert page.get_by_test_id("capture-school").count() == 0
        roster = {
            t["id"]
            for t in all_items(
                district, f"/v1/districts/{district_id}/teachers", school_id=assigned
            )
        }
        offered = page.get_by_test_id("capture-teacher")
        offered.first.wait_for()
        assert {t.get_attribute("data-teacher-id") for t in offered.all()} <= roster
        axe_check(page)
        screenshot(page, "region-coach-capture")
        captured = capture(page, 0, note="Coach visit, captured in the app.")
        page.get_by_test_id("nav-walkthroughs").click()
        page.wait_for_url(lambda url: url.endswith("/observer/walkthroughs"))
        for observation_id in (here["observation_id"], captured):
            row = page.locator(
                f'[data-testid="my-walkthrough"][data-observation-id="{observation_id}"]'
            )
            row.wait_for(timeout=60_000)
        axe_check(page)
        screenshot(page, "region-coach-walkthroughs")
    # The region tier's suppressed figures, like any region user's.
    summary = signed_in_api(system, demo, "region_coach", "analytics").raw("GET", "/v1/summary")
    assert summary.status_code == 200

    path = f"/v1/schools/{assigned}/observers/{coach_id}"
    with people.session("district_admin") as admin:
        page = admin.page
        page.get_by_test_id("nav-region-coaches").click()
        box = page.locator(
            f'[data-coach-id="{coach_id}"] [data-testid="region-coach-school"]'
            f'[data-school-id="{assigned}"]'
        )
        box.wait_for()
        assert box.is_checked()
        axe_check(page)
        screenshot(page, "district-region-coaches")
        with page.expect_response(lambda r: r.request.method == "DELETE") as revoke:
            box.click()
        assert revoke.value.status == 204
        revoked_at = time.monotonic()
    try:
        status = _wait_until_refused(coach, here, old_token=True)
        old_token_s = time.monotonic() - revoked_at
        fresh = signed_in_api(system, demo, "region_coach", "intake")
        _wait_until_refused(fresh, here, old_token=False)
        print(
            f"\nrevocation reached intake: old token refused ({status}) after {old_token_s:.2f} s, "
            f"a new sign-in refused at the school after {time.monotonic() - revoked_at:.2f} s"
        )
    finally:
        district.put(path)  # the demo keeps its coach for the other tests and for people


def _walkthrough(
    system: RunningSystem, reader: Api, district_id: str, school_id: str
) -> dict[str, Any]:
    """A complete walkthrough at the school, from what `reader` may read: a rostered teacher,
    the school's template, every look-for rated at its first level."""
    teacher = reader.get(f"/v1/districts/{district_id}/teachers", school_id=school_id, limit=1)
    templates = services_of(system.config).templates.as_user(reader.token or "")
    version = templates.get(f"/v1/schools/{school_id}/templates")["templates"][0]
    ratings = [
        {"indicator_key": i["key"], "value": _first_value(i["scale"])}
        for section in version["sections"]
        for i in section["indicators"]
    ]
    observed = datetime.now(UTC) - timedelta(hours=1)
    return {
        "observation_id": str(uuid.uuid4()),
        "school_id": school_id,
        "teacher_id": teacher["items"][0]["id"],
        "template_version_id": version["version_id"],
        "observed_at": observed.isoformat(timespec="seconds"),
        "duration_minutes": 12,
        "subject": "math",
        "grade_level": "4",
        "ratings": ratings,
        "notes": {"overall": "Coach visit."},
    }


def _first_value(scale: dict[str, Any]) -> int:
    if scale["kind"] == "levels":
        return int(scale["levels"][0]["value"])
    return int(scale.get("min") or 0)


def _wait_until_refused(intake: Api, body: dict[str, Any], *, old_token: bool) -> int:
    """Refused by intake as soon as it read the revocation off the bus: the old token either
    with 401 (`token_revoked`, from `user.access_revoked`) or with 403 at that school (from
    `observer.unassigned`, which may arrive first: the two travel on different partitions), a
    new one with 403. The probe names no rostered teacher, so until then it is refused for
    that (422) and never stored. The status that refused it."""
    refusals = (401, 403) if old_token else (403,)
    probe = {**body, "observation_id": str(uuid.uuid4()), "teacher_id": str(uuid.uuid4())}
    deadline = time.monotonic() + 60
    while True:
        answer = intake.raw("POST", "/v1/walkthroughs", json=probe)
        if answer.status_code in refusals:
            return answer.status_code
        assert answer.status_code == 422, answer.text
        assert time.monotonic() < deadline, f"still not refused 60 s after: {answer.text}"
        time.sleep(0.05)
