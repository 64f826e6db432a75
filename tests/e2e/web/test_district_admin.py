"""Issue #13's district admin, in a real browser against the running demo system: a new district
(bootstrapped here, so its set-up starts empty) imports its roster from a OneRoster zip — the dry
run lists each row added or rejected with its reason, then applies — and its teachers appear;
the admin creates an observer and assigns a second school; changes a user's role, whose new token
carries it; accepts the region's invitation after reading the agreement and what the region will
and will not see, and the region then sees the district in its overview; forks an open region
template. Opening another district's addresses gives a clear refusal and none of its data in any
answer. axe finds nothing on any screen; each screen is photographed."""

from __future__ import annotations

import base64
import io
import json
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FilePayload, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from canopy_shared.demo.__main__ import cli_bootstrapper, services_of
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import eventually
from canopy_shared.testing.system import RunningSystem
from tests.e2e.web.screens import eventually as shows
from tests.e2e.web.session import Session, SignIn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
Check = Callable[[Page], None]
Shoot = Callable[[Page, str], Path]
DOMAIN = "harbor.demo.canopy.test"
ADMIN = f"admin-{uuid.uuid4().hex[:6]}@{DOMAIN}"  # a new district per run, even on a kept system
AGREEMENT = "Harbor and the Gulf Coast ESC share walkthrough trends, never names."
ORGS_CSV = """sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
harbor,active,2026-08-01,Harbor ISD,district,,
hb-s1,active,2026-08-01,Harbor Lighthouse Elementary,school,,harbor
hb-s2,active,2026-08-01,Harbor Tides Middle,school,,harbor
"""
USERS_CSV = "\n".join([
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,"
    "familyName,email",
    "hb-t1,active,2026-08-01,true,hb-s1,teacher,t1,Harriet,Oyelaran,harriet.o@harbor.example.org",
    "hb-t2,active,2026-08-01,true,hb-s1,teacher,t2,Ignatius,Brackenridge,ig.b@harbor.example.org",
    "hb-t3,active,2026-08-01,true,hb-s2,teacher,t3,Marisol,Quenneville,mq@harbor.example.org",
    "hb-st,active,2026-08-01,true,hb-s2,student,st,Stu,Dentworth,stu@harbor.example.org",
    "hb-t4,active,2026-08-01,true,hb-s9,teacher,t4,Orla,Fitzwilliam,orla.f@harbor.example.org",
])  # fmt: skip
TEACHERS = {"Harriet Oyelaran", "Ignatius Brackenridge", "Marisol Quenneville"}
LEVELS = [{"value": n, "label": label} for n, label in enumerate(["Not yet", "Partly", "Fully"], 1)]


def _template(title: str) -> dict[str, Any]:
    indicator = {
        "text": "Students explain a strategy",
        "scale": {"kind": "levels", "levels": LEVELS},
    }
    return {"title": title, "sections": [{"title": "Discourse", "indicators": [indicator]}]}


OPEN_TEMPLATE = _template("Gulf Coast open discourse look-fors")
BAYSIDE_TEMPLATE = _template("Bayside private science rubric")


@pytest.fixture(scope="module")
def harbor(system: RunningSystem, demo: dict[str, Any]) -> Iterator[dict[str, str]]:
    """A district that is new today: created by the operator's command, nothing set up. It
    leaves the region at the end, so the other browser tests see the demo network they expect."""
    made = cli_bootstrapper(system.config, demo["password"])("district", "Harbor ISD", ADMIN)
    yield {"id": str(made["org_id"]), "admin": ADMIN}
    tenancy = services_of(system.config).tenancy
    own = tenancy.as_user(token_of(tenancy, ADMIN, demo["password"]))
    for link in own.get("/v1/connections", status="active")["items"]:
        own.post(f"/v1/connections/{link['id']}/disconnect", {})


@pytest.fixture(scope="module")
def admin(
    browser: Browser, system: RunningSystem, demo: dict[str, Any], harbor: dict[str, str]
) -> Iterator[Session]:
    own = {**demo, "sign_ins": [{"email": harbor["admin"], "role": "harbor_admin"}]}
    with SignIn(browser, system, own).session("harbor_admin") as session:
        yield session


@pytest.fixture(scope="module")
def tenancy(system: RunningSystem) -> Api:
    return services_of(system.config).tenancy


@pytest.fixture(scope="module")
def admin_api(tenancy: Api, demo: dict[str, Any], harbor: dict[str, str]) -> Api:
    return tenancy.as_user(token_of(tenancy, harbor["admin"], demo["password"]))


def token_of(tenancy: Api, email: str, password: str) -> str:
    answer = tenancy.post("/v1/auth/token", {"email": email, "password": password})
    return str(answer["access_token"])


def claims_of(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def go(session: Session, screen: str, ready: str) -> Page:
    page = session.page
    page.get_by_test_id(f"nav-{screen}").click()
    page.get_by_test_id(ready).first.wait_for()
    return page


def retry(check: Callable[[], None], *, timeout_s: float) -> None:
    """A check that holds once the bus has carried a change to another service."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            check()
            return
        except (AssertionError, PlaywrightError):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def reload_until_visible(page: Page, locator: Locator) -> None:
    page.reload()
    locator.wait_for(timeout=10_000)


def roster_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("oneroster/orgs.csv", ORGS_CSV)
        archive.writestr("oneroster/users.csv", USERS_CSV)
        archive.writestr("oneroster/classes.csv", "sourcedId,title\nc1,Math\n")
    return buffer.getvalue()


def step(page: Page, key: str) -> Locator:
    return page.locator(f'[data-testid="setup-step"][data-step="{key}"]')


def assert_done(page: Page, keys: list[str]) -> None:
    for key in keys:
        assert step(page, key).get_attribute("data-done") == "true", key


def assert_count(page: Page, test_id: str, n: int) -> None:
    assert_count_of(page.get_by_test_id(test_id), n)


def assert_count_of(locator: Locator, n: int) -> None:
    assert locator.count() == n


def create_account(
    page: Page, name: str, role: str, school: str | None = None
) -> tuple[str, str, str]:
    """Fill the new-account form: the new account's id, email and first password (shown once)."""
    email = f"{name.lower().replace(' ', '.')}.{uuid.uuid4().hex[:6]}@{DOMAIN}"
    page.get_by_test_id("new-user-name").fill(name)
    page.get_by_test_id("new-user-email").fill(email)
    page.get_by_test_id("new-user-role").select_option(role)
    if school:
        page.get_by_test_id("new-user-school").select_option(label=school)
    page.get_by_test_id("new-user-submit").click()
    created = page.get_by_test_id("new-user-created")
    created.wait_for()
    password = page.get_by_test_id("new-user-password").inner_text()
    return str(created.get_attribute("data-user")), email, password


def test_a_new_district_imports_its_roster_after_a_dry_run_and_the_teachers_appear(
    admin: Session, harbor: dict[str, str], admin_api: Api, axe_check: Check, screenshot: Shoot
) -> None:
    page = admin.page
    page.get_by_test_id("setup-checklist").wait_for()
    assert step(page, "schools").get_attribute("data-done") == "false"
    assert step(page, "schools").get_attribute("data-next") == "true"
    axe_check(page)
    screenshot(page, "district-setup-new")

    page = go(admin, "roster", "roster-upload")
    upload = FilePayload(name="harbor.zip", mimeType="application/zip", buffer=roster_zip())
    page.get_by_test_id("roster-files").set_input_files([upload])
    page.get_by_test_id("roster-dry-run").click()
    report = page.locator('[data-testid="import-report"][data-dry-run="true"]')
    report.wait_for()
    rows = page.get_by_test_id("import-row")
    outcomes = {
        rows.nth(i).get_attribute("data-source-id"): rows.nth(i).get_attribute("data-outcome")
        for i in range(rows.count())
    }
    assert outcomes == {
        "hb-s1": "added",
        "hb-s2": "added",
        "hb-t1": "added",
        "hb-t2": "added",
        "hb-t3": "added",
        "hb-t4": "rejected",
    }
    rejected = page.locator('[data-testid="import-row"][data-outcome="rejected"]')
    assert "unknown school hb-s9" in rejected.inner_text()
    assert "Dentworth" not in page.content()  # the student never enters Canopy
    assert admin_api.get(f"/v1/districts/{harbor['id']}/teachers")["total"] == 0
    axe_check(page)
    screenshot(page, "district-roster-dry-run")

    page.get_by_test_id("roster-apply").click()
    page.get_by_test_id("roster-applied").wait_for()
    applied = page.locator('[data-testid="import-history-row"][data-applied="true"]')
    applied.wait_for()
    axe_check(page)
    screenshot(page, "district-roster-applied")
    applied.get_by_role("link").click()
    page.wait_for_url(lambda url: "/district/roster/imports/" in url)
    page.get_by_test_id("import-row").first.wait_for()
    added = page.locator('[data-testid="import-row"][data-outcome="added"]')
    shows(lambda: assert_count_of(added, 5))
    axe_check(page)
    screenshot(page, "district-roster-import")

    page = go(admin, "teachers", "teacher-row")
    shown = {page.get_by_test_id("teacher-row").nth(i).locator("th").inner_text() for i in range(3)}
    assert shown == TEACHERS
    listed = admin_api.get(f"/v1/districts/{harbor['id']}/teachers")["items"]
    assert {f"{t['given_name']} {t['family_name']}" for t in listed} == TEACHERS
    page.get_by_test_id("teacher-search").fill("quenne")
    page.get_by_test_id("teacher-search").press("Enter")
    shows(lambda: assert_count(page, "teacher-row", 1))
    axe_check(page)
    screenshot(page, "district-teachers")


def test_the_admin_creates_an_observer_and_assigns_a_second_school(
    admin: Session, admin_api: Api, axe_check: Check, screenshot: Shoot
) -> None:
    page = go(admin, "users", "new-user-form")
    user_id, *_ = create_account(page, "Sam Coach", "observer", "Harbor Lighthouse Elementary")
    axe_check(page)
    screenshot(page, "district-users")

    page.get_by_test_id("new-user-created").get_by_role("link").click()
    page.get_by_test_id("observer-schools").wait_for()
    page.get_by_label("Harbor Tides Middle").check()
    page.get_by_test_id("observer-schools-result").wait_for()
    assert len(admin_api.get(f"/v1/users/{user_id}/schools")["items"]) == 2
    axe_check(page)
    screenshot(page, "district-user-observer")

    page = go(admin, "schools", "school-row")
    axe_check(page)
    screenshot(page, "district-schools")
    page.get_by_role("link", name="Harbor Tides Middle").click()
    page.locator(f'[data-testid="school-observer"][data-user="{user_id}"]').wait_for()
    axe_check(page)
    screenshot(page, "district-school")

    page = go(admin, "district", "setup-checklist")
    shows(lambda: assert_done(page, ["schools", "roster", "users", "observers"]))
    assert step(page, "connection").get_attribute("data-next") == "true"


def test_the_admin_gives_a_roster_teacher_an_account_that_signs_in_as_that_teacher(
    admin: Session,
    harbor: dict[str, str],
    admin_api: Api,
    tenancy: Api,
    axe_check: Check,
    screenshot: Shoot,
) -> None:
    page = go(admin, "users", "new-user-form")
    page.get_by_test_id("new-user-role").select_option("teacher")
    page.get_by_test_id("new-user-school").select_option(label="Harbor Lighthouse Elementary")
    page.get_by_test_id("new-user-teacher-search").fill("Oyelaran")
    choice = page.get_by_test_id("new-user-teacher").locator("option", has_text="Harriet Oyelaran")
    choice.wait_for(state="attached")
    page.get_by_test_id("new-user-teacher").select_option(label=choice.inner_text())
    assert page.get_by_test_id("new-user-name").input_value() == "Harriet Oyelaran"
    assert page.get_by_test_id("new-user-email").input_value() == "harriet.o@harbor.example.org"
    axe_check(page)
    screenshot(page, "district-user-teacher")
    page.get_by_test_id("new-user-submit").click()
    page.get_by_test_id("new-user-created").wait_for()
    password = page.get_by_test_id("new-user-password").inner_text()

    roster = admin_api.get(f"/v1/districts/{harbor['id']}/teachers", search="Oyelaran")["items"]
    claims = claims_of(token_of(tenancy, "harriet.o@harbor.example.org", password))
    assert (claims["role"], claims.get("teacher_id")) == ("teacher", roster[0]["id"])


def test_a_role_change_reaches_the_next_token(
    admin: Session, tenancy: Api, axe_check: Check, screenshot: Shoot
) -> None:
    page = go(admin, "users", "new-user-form")
    _, email, password = create_account(page, "Lee Leader", "district_leader")
    before = token_of(tenancy, email, password)
    assert claims_of(before)["role"] == "district_leader"

    page.get_by_test_id("new-user-created").get_by_role("link").click()
    page.get_by_test_id("user-role-select").select_option("district_admin")
    page.get_by_test_id("user-role-save").click()
    page.get_by_test_id("user-role-result").wait_for()
    axe_check(page)
    screenshot(page, "district-user-role")

    assert claims_of(token_of(tenancy, email, password))["role"] == "district_admin"
    assert tenancy.as_user(before).raw("GET", "/v1/me").status_code == 401  # ended by the change

    page.get_by_test_id("user-deactivate").click()
    page.get_by_test_id("confirm-action").click()
    page.get_by_test_id("user-reactivate").wait_for()
    refused = tenancy.raw("POST", "/v1/auth/token", json={"email": email, "password": password})
    assert refused.status_code == 401


def test_the_admin_accepts_the_regions_invitation_and_the_region_sees_the_district(
    admin: Session,
    harbor: dict[str, str],
    api_as: Callable[[str, str], Any],
    signed_in: Callable[[str], Page],
    axe_check: Check,
    screenshot: Shoot,
) -> None:
    invite = {"district_id": harbor["id"], "agreement_text": AGREEMENT, "agreement_version": "h-1"}
    api_as("region_admin", "tenancy").post("/v1/connections", invite)

    page = go(admin, "connection", "connection-invitation")
    assert page.get_by_test_id("agreement-text").inner_text() == AGREEMENT
    assert page.get_by_test_id("agreement-version").inner_text() == "h-1"
    assert "name" in page.get_by_test_id("region-will-not-see").inner_text()
    assert page.get_by_test_id("region-will-see").locator("li").count() >= 3
    assert page.get_by_test_id("connection-accept").is_disabled()
    axe_check(page)
    screenshot(page, "district-connection-invitation")
    page.get_by_test_id("agreement-read").check()
    page.get_by_test_id("connection-accept").click()
    page.get_by_test_id("connection-active").wait_for()
    page.locator('[data-testid="connection-row"][data-status="active"]').wait_for()
    axe_check(page)
    screenshot(page, "district-connection-active")

    region = signed_in("region_leader")
    row = region.locator(f'[data-testid="district-row"][data-district="{harbor["id"]}"]')
    retry(lambda: reload_until_visible(region, row), timeout_s=120)  # through the bus
    assert "Harbor ISD" in row.inner_text()


def test_the_admin_forks_an_open_region_template(
    admin: Session,
    harbor: dict[str, str],
    admin_api: Api,
    api_as: Callable[[str, str], Any],
    system: RunningSystem,
    axe_check: Check,
    screenshot: Shoot,
) -> None:
    region = api_as("region_admin", "templates")
    template_id = region.post("/v1/templates", OPEN_TEMPLATE)["template_id"]
    region.post(f"/v1/templates/{template_id}/publish", {})
    push = {"locked": False, "district_ids": [harbor["id"]]}
    # Template-distribution learns of the new link through the bus.
    eventually(lambda: region.post(f"/v1/templates/{template_id}/push", push), what="push")

    page = go(admin, "templates", "received-templates")
    page.get_by_test_id("template-new").click()
    page.get_by_test_id("template-editor").wait_for()
    axe_check(page)
    screenshot(page, "district-template-new")
    page.go_back()
    row = page.locator(f'[data-testid="received-template-row"][data-template="{template_id}"]')
    retry(lambda: reload_until_visible(page, row), timeout_s=120)
    assert row.get_attribute("data-locked") == "false"
    axe_check(page)
    screenshot(page, "district-templates")

    row.get_by_test_id("template-fork").click()
    page.wait_for_url(lambda url: "/district/templates/" in url and template_id not in url)
    page.get_by_test_id("template-draft").wait_for()
    axe_check(page)
    screenshot(page, "district-template-fork")
    own = services_of(system.config).templates.as_user(admin_api.token or "")
    forks = [t for t in own.get("/v1/templates")["templates"] if t.get("derived_from")]
    assert [f["derived_from"]["template_id"] for f in forks] == [template_id]


def test_another_districts_addresses_are_refused_without_their_data(
    admin: Session,
    api_as: Callable[[str, str], Any],
    roster: set[str],
    axe_check: Check,
    screenshot: Shoot,
) -> None:
    bayside = api_as("district_admin", "tenancy")
    district_id = bayside.get("/v1/me")["org_id"]
    school = bayside.get("/v1/schools", district_id=district_id, limit=1)["items"][0]
    leader = bayside.get("/v1/users", role="district_leader")["items"][0]
    imported = bayside.get(f"/v1/districts/{district_id}/roster-imports")["items"][0]
    template = api_as("district_admin", "templates").post("/v1/templates", BAYSIDE_TEMPLATE)
    secrets = {school["name"], leader["email"], leader["display_name"], BAYSIDE_TEMPLATE["title"]}

    page = admin.page
    origin = page.url.split("/district")[0]
    first_answer = len(admin.traffic.bodies)
    for path, what in (
        (f"/district/schools/{school['id']}", "school"),
        (f"/district/users/{leader['id']}", "user"),
        (f"/district/roster/imports/{imported['id']}", "roster import"),
        (f"/district/templates/{template['template_id']}", "template"),
    ):
        page.goto(origin + path)
        refusal = page.get_by_test_id("district-refusal")
        refusal.wait_for()
        assert refusal.locator("h1").inner_text() == f"This {what} is not in your district"
        axe_check(page)
        admin.keep_screen()
    screenshot(page, "district-refusal")

    answers = "\n".join(admin.traffic.bodies[first_answer:])
    assert sorted(s for s in secrets | roster if s and s in answers) == []
    assert not any(s in screen for screen in admin.screens for s in secrets)
