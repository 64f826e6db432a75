"""One running system for every browser test here, started exactly as `make run` starts it
(its launcher, its defaults, the demo network seeded), and Debian's Chromium driving the web app.

Fixtures: `system`, `demo` (the seeded record: password and sign-ins), `api_as(role, service)`,
`roster` (every teacher's name, e-mail and ids, read through the district admins' API: what a
region session must never show), `browser`, `signed_in`
(sign in through the sign-in screen as a role; `people.session(role)` for a tab a module
keeps), `axe_check` (0 WCAG 2.1 AA violations),
`screenshot` (var/screenshots/<name>.png).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from canopy_shared.demo.__main__ import services_of
from canopy_shared.demo.network import all_items
from canopy_shared.runtime.processes import RuntimeConfig
from canopy_shared.testing.system import RunningSystem, running_system, system_environment
from tests.e2e.web.browser import accessibility_violations, launch_chromium, save_screenshot
from tests.e2e.web.session import SignIn, account

SEEDED = "password for every demo account"
ATTACH = "CANOPY_E2E_ATTACH"


@pytest.fixture(scope="package")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    if os.environ.get(ATTACH) == "1":
        yield AttachedSystem(RuntimeConfig.from_env())  # type: ignore[misc]
        return
    var = Path(tmp_path_factory.mktemp("web-e2e")) / "var"
    with running_system(var, env=system_environment(var, demo=True)) as running:
        running.wait_for_output(SEEDED, timeout_s=60)
        yield running


@dataclass(frozen=True)
class AttachedSystem:
    """While writing these tests: the system `make run` already runs with this environment
    (CANOPY_E2E_ATTACH=1 and the same CANOPY_* variables), instead of a new one per run."""

    config: RuntimeConfig

    def url(self, service: str) -> str:
        return self.config.url(service)

    @property
    def web_url(self) -> str:
        return self.config.web_url


@pytest.fixture(scope="package")
def demo(system: RunningSystem) -> dict[str, Any]:
    return dict(json.loads((system.config.var_dir / "demo.json").read_text()))


@pytest.fixture(scope="package")
def api_as(system: RunningSystem, demo: dict[str, Any]) -> Callable[[str, str], Any]:
    """api_as(role, service): that service's JSON client, signed in as the demo account."""
    services = services_of(system.config)
    tokens: dict[str, str] = {}

    def client(role: str, service: str) -> Any:
        if role not in tokens:
            body = {"email": account(demo, role), "password": demo["password"]}
            tokens[role] = services.tenancy.post("/v1/auth/token", body)["access_token"]
        return getattr(services, service).as_user(tokens[role])

    return client


@pytest.fixture(scope="package")
def roster(system: RunningSystem, demo: dict[str, Any]) -> set[str]:
    """Every teacher's full name, e-mail, id and roster source id in the demo network."""
    services = services_of(system.config)
    secrets: set[str] = set()
    for admin in (a["email"] for a in demo["sign_ins"] if a["role"] == "district_admin"):
        body = {"email": admin, "password": demo["password"]}
        tenancy = services.tenancy.as_user(
            services.tenancy.post("/v1/auth/token", body)["access_token"]
        )
        district_id = tenancy.get("/v1/me")["org_id"]
        for teacher in all_items(tenancy, f"/v1/districts/{district_id}/teachers"):
            secrets |= {
                f"{teacher['given_name']} {teacher['family_name']}",
                teacher["email"],
                teacher["id"],
                teacher["source_id"],
            }
    assert len(secrets) > 1000, "the demo roster was not read"
    return secrets


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def people(browser: Browser, system: RunningSystem, demo: dict[str, Any]) -> SignIn:
    return SignIn(browser, system, demo)


@pytest.fixture
def signed_in(people: SignIn) -> Iterator[Callable[[str], Page]]:
    """signed_in(role): a new browser tab signed in as the demo account with that role."""
    with ExitStack() as stack:

        def sign_in(role: str) -> Page:
            return stack.enter_context(people.session(role)).page

        yield sign_in


@pytest.fixture(scope="package")
def axe_check() -> Callable[[Page], None]:
    def check(page: Page) -> None:
        violations = accessibility_violations(page)
        assert not violations, f"axe on {page.url}:\n" + "\n".join(violations)

    return check


@pytest.fixture(scope="package")
def screenshot() -> Callable[[Page, str], Path]:
    return save_screenshot


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A failed browser test leaves a picture of every open tab: var/screenshots/FAILED-*.png."""
    report = yield
    people = item.funcargs.get("people") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(people, SignIn):
        for n, page in enumerate(people.open_pages):
            with contextlib.suppress(Exception):
                save_screenshot(page, f"FAILED-{item.name}-{n}")
    return report
