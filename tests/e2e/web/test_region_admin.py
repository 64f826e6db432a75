"""Issue #12's region admin, in a real browser against the running demo: authors a template,
publishes it, pushes it to every connected district and sees it delivered; starts an export,
watches its progress reach 100 % and downloads every format. axe finds nothing on any screen;
each screen is photographed. No roster data reaches the admin's session either."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from canopy_shared.demo.rubric import REGION_RUBRIC
from tests.e2e.web.browser import storage_text
from tests.e2e.web.session import Session, SignIn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
Check = Callable[[Page], None]
Shoot = Callable[[Page, str], Path]
TITLE = "Math discourse walkthrough"


@pytest.fixture(scope="module")
def admin(people: SignIn) -> Iterator[Session]:
    with people.session("region_admin") as session:
        yield session


def go(session: Session, screen: str) -> Page:
    session.page.get_by_test_id(f"nav-{screen}").click()
    return session.page


def reload_until(page: Page, done: Callable[[], bool], *, timeout_s: float = 120) -> None:
    """Delivery travels through the bus: look again until it shows."""
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "not delivered in time"
        page.wait_for_timeout(2000)
        page.reload()
        page.wait_for_load_state("networkidle")


def test_region_admin_authors_publishes_and_pushes_a_template_and_sees_it_delivered(
    admin: Session, api_as: Callable[[str, str], Any], axe_check: Check, screenshot: Shoot
) -> None:
    page = go(admin, "templates")
    page.get_by_test_id("template-list").wait_for()
    axe_check(page)
    screenshot(page, "region-templates")
    page.get_by_test_id("template-new").click()
    page.get_by_test_id("template-editor").wait_for()
    page.get_by_test_id("template-title").fill(TITLE)
    page.get_by_test_id("section-title").first.fill("Discourse")
    page.get_by_test_id("indicator-text").first.fill("Students justify a solution to a peer")
    axe_check(page)
    screenshot(page, "region-template-editor")
    page.get_by_test_id("template-save").click()
    page.wait_for_url(lambda url: "/region/templates/" in url and not url.endswith("/new"))
    admin.keep_screen()

    page.get_by_test_id("template-publish").click()
    page.locator('[data-testid="template-version"][data-version="1"]').wait_for()
    page.get_by_test_id("push-panel").wait_for()
    page.get_by_test_id("push-locked").check()
    page.get_by_test_id("push-all").check()
    with page.expect_response(lambda r: r.url.endswith("/push") and r.request.method == "POST"):
        page.get_by_test_id("push-submit").click()

    districts = {
        d["district_id"]
        for d in api_as("region_admin", "analytics").get("/v1/summary")["districts"]
    }
    delivered = page.locator('[data-testid="delivery-row"][data-version="1"]')
    reload_until(page, lambda: delivered.count() == len(districts))
    assert {row.get_attribute("data-district") for row in delivered.all()} == districts
    axe_check(page)
    screenshot(page, "region-template-delivered")
    admin.keep_screen()

    # What the page says is what a district sees: the template is offered to its schools.
    observer = api_as("observer", "templates")
    school_id = api_as("observer", "tenancy").get("/v1/me")["org_id"]
    offered = observer.get(f"/v1/schools/{school_id}/templates")["templates"]
    assert any(t["title"] == TITLE for t in offered)


def test_region_admin_sees_which_district_forked_an_open_template(
    admin: Session, api_as: Callable[[str, str], Any], axe_check: Check, screenshot: Shoot
) -> None:
    region = api_as("region_admin", "templates")
    content = {
        **REGION_RUBRIC,
        "title": "Coaching cycle look-fors",
        "description": "Open to adapt: what a coaching cycle looks for",
    }
    template_id = region.post("/v1/templates", content)["template_id"]
    region.post(f"/v1/templates/{template_id}/publish", {})
    region.post(f"/v1/templates/{template_id}/push", {"locked": False})
    district = api_as("district_admin", "templates")
    fork = district.post(f"/v1/templates/{template_id}/fork", {"title": "Our coaching look-fors"})
    district.post(f"/v1/templates/{fork['template_id']}/publish", {})
    district_id = api_as("district_admin", "tenancy").get("/v1/me")["org_id"]

    page = admin.page
    page.goto(f"{page.url.split('/region')[0]}/region/templates/{template_id}")
    row = page.locator(f'[data-testid="fork-row"][data-owner="{district_id}"]')
    row.wait_for()
    assert row.get_attribute("data-from-version") == "1"
    assert "Our coaching look-fors" in row.inner_text()
    assert "v1 published" in row.inner_text()
    assert page.get_by_test_id("fork-row").count() == 1
    axe_check(page)
    screenshot(page, "region-template-forks")
    admin.keep_screen()


FILE_CHECKS: dict[str, Callable[[bytes], bool]] = {
    "csv": lambda body: zipfile.is_zipfile(io.BytesIO(body)),
    "xlsx": lambda body: zipfile.is_zipfile(io.BytesIO(body)),
    "pdf": lambda body: body.startswith(b"%PDF"),
    "edfi_json": lambda body: isinstance(json.loads(body), dict),
}


def test_region_admin_runs_an_export_to_100_percent_and_downloads_every_format(
    admin: Session, axe_check: Check, screenshot: Shoot, tmp_path: Path
) -> None:
    page = go(admin, "exports")
    page.get_by_test_id("export-form").wait_for()
    axe_check(page)
    page.get_by_test_id("export-submit").click()
    job = page.get_by_test_id("export-job").first
    job.wait_for()
    export_id = job.get_attribute("data-export")
    progress = page.get_by_test_id("export-progress").first
    deadline = time.monotonic() + 300
    while job.get_attribute("data-status") not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, f"export still {job.get_attribute('data-status')}"
        page.wait_for_timeout(250)
    assert job.get_attribute("data-status") == "succeeded"
    assert progress.get_attribute("data-value") == "100"
    axe_check(page)
    screenshot(page, "region-exports")

    for file_format, looks_right in FILE_CHECKS.items():
        button = page.locator(
            f'[data-testid="export-download"][data-format="{file_format}"][data-export="{export_id}"]'
        )
        with page.expect_download() as download:
            button.first.click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        assert looks_right(path.read_bytes()), (file_format, path.name)
    history = page.locator(f'[data-testid="export-row"][data-export="{export_id}"]')
    assert history.get_attribute("data-status") == "succeeded"
    admin.keep_screen()


def test_no_roster_data_reaches_the_admins_session(admin: Session, roster: set[str]) -> None:
    everything = "\n".join([*admin.screens, admin.traffic.text(), storage_text(admin.page)])
    found = sorted(secret for secret in roster if secret in everything)
    assert not found, f"roster data in a region admin's session: {found[:5]}"
