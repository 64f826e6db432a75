"""A person signed in to the web app in a browser tab of their own, through the sign-in screen."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Browser, Page

from canopy_shared.runtime.processes import WEB_CLIENT_NAMES
from canopy_shared.testing.system import RunningSystem
from tests.e2e.web.browser import DESKTOP, Traffic


def account(demo: dict[str, Any], role: str) -> str:
    return next(a["email"] for a in demo["sign_ins"] if a["role"] == role)


@dataclass
class Session:
    """A signed-in person's browser tab, with every service answer it got and every screen's
    HTML it showed (to look for roster data in them at the end)."""

    page: Page
    traffic: Traffic
    screens: list[str] = field(default_factory=list)

    def keep_screen(self) -> None:
        self.screens.append(self.page.content())


class SignIn:
    """Signs people in through the sign-in screen, each in a browser context of their own."""

    def __init__(self, browser: Browser, system: RunningSystem, demo: dict[str, Any]) -> None:
        self.browser, self.system, self.demo = browser, system, demo
        self.open_pages: list[Page] = []  # photographed when a test fails

    @contextmanager
    def session(self, role: str, *, viewport: dict[str, int] = DESKTOP) -> Iterator[Session]:
        context = self.browser.new_context(viewport=viewport, accept_downloads=True)
        context.set_default_timeout(20_000)
        traffic = Traffic(tuple(self.system.url(service) for service in WEB_CLIENT_NAMES))
        page = context.new_page()
        page.on("response", traffic.record)
        self.open_pages.append(page)
        try:
            yield Session(self.sign_in(page, role), traffic)
        finally:
            self.open_pages.remove(page)
            context.close()

    def sign_in(self, page: Page, role: str, next_path: str = "") -> Page:
        query = f"?next={quote(next_path)}" if next_path else ""
        page.goto(f"{self.system.web_url}/sign-in{query}")
        page.get_by_test_id("signin-email").fill(account(self.demo, role))
        page.get_by_test_id("signin-password").fill(self.demo["password"])
        page.get_by_test_id("signin-submit").click()
        page.wait_for_url(lambda url: "/sign-in" not in url)
        return page
