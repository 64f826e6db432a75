"""Issue #12's session rules in a real browser: the token lives in sessionStorage, never in a
URL; an ended session sends the person to sign-in and back to the same screen with the same
filters; sign-out clears it. And the Region workspace works at tablet width (768 px)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page

from tests.e2e.web.browser import TABLET
from tests.e2e.web.session import SignIn, account

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]
Check = Callable[[Page], None]
Shoot = Callable[[Page, str], Path]
TOKEN_KEY = "canopy.session"


def where(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    return parts.path, dict(parse_qsl(parts.query))


def test_an_ended_session_returns_to_the_same_screen_and_filters_after_signing_in(
    people: SignIn, system: Any, demo: dict[str, Any], api_as: Callable[[str, str], Any]
) -> None:
    district = api_as("region_leader", "analytics").get("/v1/summary")["districts"][0]
    screen = f"/region/trends?district={district['district_id']}&by=week"
    with people.session("region_leader") as session:
        page = session.page
        page.goto(f"{system.web_url}{screen}")
        page.get_by_test_id("trend-point").first.wait_for(timeout=90_000)
        token = page.evaluate(f"() => sessionStorage.getItem('{TOKEN_KEY}')")
        assert token and page.evaluate("() => localStorage.length") == 0
        assert not any(token in url for url in [page.url, *session.traffic.urls])

        # The services stop accepting the token (as at its expiry): a 401 ends the session.
        page.evaluate(
            f"""() => {{ const t = sessionStorage.getItem('{TOKEN_KEY}');
                sessionStorage.setItem('{TOKEN_KEY}', t.slice(0, -6) + 'AAAAAA'); }}"""
        )
        page.reload()
        page.wait_for_url(lambda url: "/sign-in" in url, timeout=60_000)
        assert where(page.url)[1].get("reason") == "expired"
        page.get_by_test_id("signin-reason").wait_for()
        page.get_by_test_id("signin-email").fill(account(demo, "region_leader"))
        page.get_by_test_id("signin-password").fill(demo["password"])
        page.get_by_test_id("signin-submit").click()
        page.wait_for_url(lambda url: "/sign-in" not in url)
        assert where(page.url) == where(screen)  # the same screen, the same filters
        page.get_by_test_id("trend-point").first.wait_for(timeout=90_000)


def test_sign_out_clears_the_session(people: SignIn, system: Any) -> None:
    with people.session("region_leader") as session:
        page = session.page
        page.get_by_test_id("sign-out").click()
        page.wait_for_url(lambda url: "/sign-in" in url)
        assert page.evaluate(f"() => sessionStorage.getItem('{TOKEN_KEY}')") is None
        page.goto(f"{system.web_url}/region")
        page.wait_for_url(lambda url: "/sign-in" in url)


def test_the_region_workspace_works_at_tablet_width(
    people: SignIn, system: Any, axe_check: Check, screenshot: Shoot
) -> None:
    with people.session("region_leader", viewport=TABLET) as session:
        page = session.page
        for path, ready, name in (
            ("/region", "kpi-walkthroughs", "tablet-overview"),
            ("/region/heatmap", "heat-cell", "tablet-heatmap"),
            ("/region/trends", "trend-point", "tablet-trends"),
        ):
            page.goto(f"{system.web_url}{path}")
            page.get_by_test_id(ready).first.wait_for(timeout=90_000)
            # Nothing wider than the screen: no sideways scrolling of the page itself.
            assert page.evaluate("() => document.documentElement.scrollWidth") <= TABLET["width"]
            axe_check(page)
            screenshot(page, name)
