"""Driving Debian's Chromium (/usr/bin/chromium) with Playwright: never a downloaded browser
build. What a browser test needs besides the page: every answer the services gave the page (to
look for roster data in them), an axe-core accessibility scan, and a screenshot of each screen."""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, Response
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[3]
SCREENSHOTS = REPO / "var" / "screenshots"
# The web app's own axe-core (the version its unit tests use); the Python package's otherwise.
WEB_AXE = REPO / "services" / "web" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 768, "height": 1024}
# WCAG 2.1 AA, the bar the issue sets, and axe's best practices that go with it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def launch_chromium(playwright: Playwright) -> Browser:
    if not CHROMIUM.is_file():
        raise RuntimeError(
            f"{CHROMIUM} is missing: run deploy/dev/install-system-packages.sh chromium "
            "(Debian's chromium package; Playwright never downloads a browser here)"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)


@dataclass
class Traffic:
    """Every answer the page got from the services, as text, to search for what must not be
    in a region session."""

    origins: tuple[str, ...]
    bodies: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def record(self, response: Response) -> None:
        if not response.url.startswith(self.origins):
            return
        self.urls.append(response.url)
        self.bodies.append(response.url)
        # A preflight, or a body gone with a navigation, has nothing to check.
        with contextlib.suppress(PlaywrightError, UnicodeDecodeError):
            self.bodies.append(response.text())

    def text(self) -> str:
        return "\n".join(self.bodies)

    def last_query(self, path: str, **must: str | None) -> dict[str, str] | None:
        """The query the page last sent to `path` (e.g. /v1/trends) with the parameters `must`
        names (None: without that parameter): the filters of what it shows."""
        for url in reversed(self.urls):
            parts = urlsplit(url)
            query = dict(parse_qsl(parts.query))
            if parts.path == path and all(query.get(k) == v for k, v in must.items()):
                return query
        return None

    def wait_for_query(
        self, page: Page, path: str, *, timeout_s: float = 90, **must: str | None
    ) -> dict[str, str]:
        """The query of `path` with `must` once the page has sent it (or answered it from its
        cache earlier); a cold answer over a whole region can take a while on a busy machine."""
        deadline = time.monotonic() + timeout_s
        while (query := self.last_query(path, **must)) is None:
            assert time.monotonic() < deadline, f"no {path} with {must}: {self.urls[-5:]}"
            page.wait_for_timeout(200)
        return query


def storage_text(page: Page) -> str:
    """Everything the app keeps in localStorage and sessionStorage."""
    stored: dict[str, Any] = page.evaluate(
        """() => ({
            local: Object.fromEntries(Object.entries(localStorage)),
            session: Object.fromEntries(Object.entries(sessionStorage)),
        })"""
    )
    return json.dumps(stored)


def accessibility_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now, one line each."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    axe = Axe.from_file(WEB_AXE) if WEB_AXE.is_file() else Axe()
    results = axe.run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def save_screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
