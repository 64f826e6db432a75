"""Moving around the web app as a person does: the side navigation, the filters (which live in
the URL), and waiting for a screen to show its latest answer."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page

from tests.e2e.web.session import Session


def open_screen(session: Session, screen: str, ready_test_id: str) -> Page:
    page = session.page
    page.get_by_test_id(f"nav-{screen}").click()
    page.get_by_test_id(ready_test_id).first.wait_for(timeout=90_000)
    return page


def page_filters(page: Page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query))


def eventually(check: Callable[[], None], *, timeout_s: float = 30) -> None:
    """A check that holds once the page has drawn its latest answer (a re-render is async)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def choose(page: Page, test_id: str, value: str) -> None:
    """Pick a filter and wait until the URL (where filters live) says so."""
    page.get_by_test_id(test_id).select_option(value)
    page.wait_for_url(lambda url: value in url)
