"""The web app's speed as a region leader feels it, in headless Chromium (Debian's, through
Playwright) against the running system: sign-in to a rendered overview, a filter change on the
trends screen re-rendered, and the JavaScript the overview ships (gzipped). Reported beside the
API's own latency for the same calls (phase 5)."""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path
from typing import Any

from loadgen import percentile
from playwright.sync_api import Browser, Page, Response, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.e2e.web.browser import DESKTOP, launch_chromium

TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


# (the page's time, the API's own time answering the call behind it), in milliseconds
Timing = tuple[float, float]


def measure(web_url: str, email: str, password: str, repeats: int) -> dict[str, Any]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            sign_ins = [_sign_in_ms(browser, web_url, email, password) for _ in range(repeats)]
            page = _signed_in_page(browser, web_url, email, password)
            changes = _filter_changes_ms(page, web_url, repeats)
            js = _overview_js_gzip_bytes(browser, web_url, email, password)
        finally:
            browser.close()
    return {
        "sign_in_to_overview": _summary(sign_ins),
        "filter_change": _summary(changes),
        "overview_js_gzip_bytes": js,
    }


def _summary(timings: list[Timing]) -> dict[str, Any]:
    page, api = sorted(t[0] for t in timings), sorted(t[1] for t in timings)
    return {
        "n": len(page),
        "p50_ms": percentile(page, 50),
        "p95_ms": percentile(page, 95),
        "api_p95_ms": percentile(api, 95),
    }


def _api_ms(response: Response) -> float:
    """How long the service took to answer, as the browser saw it (request sent -> last byte)."""
    timing = response.request.timing
    return float(timing["responseEnd"] - timing["requestStart"])


def _sign_in(page: Page, web_url: str, email: str, password: str) -> Timing:
    """Fill the sign-in form; the time from pressing "Sign in" to a drawn overview."""
    page.goto(f"{web_url}/sign-in")
    page.get_by_test_id("signin-email").fill(email)
    page.get_by_test_id("signin-password").fill(password)
    start = time.perf_counter()
    with page.expect_response(
        lambda r: "/v1/summary" in r.url and r.request.method == "GET"
    ) as summary:
        page.get_by_test_id("signin-submit").click()
    page.locator('[data-testid="indicator-mean"][data-value]').first.wait_for(timeout=60_000)
    page.locator('[data-testid="kpi-walkthroughs"][data-value]').wait_for(timeout=60_000)
    page.evaluate(TWO_FRAMES)
    return (time.perf_counter() - start) * 1000, _api_ms(summary.value)


def _sign_in_ms(browser: Browser, web_url: str, email: str, password: str) -> Timing:
    context = browser.new_context(viewport=DESKTOP)  # a new person: nothing cached
    try:
        return _sign_in(context.new_page(), web_url, email, password)
    finally:
        context.close()


def _signed_in_page(browser: Browser, web_url: str, email: str, password: str) -> Page:
    page = browser.new_context(viewport=DESKTOP).new_page()
    _sign_in(page, web_url, email, password)
    return page


def _filter_changes_ms(page: Page, web_url: str, repeats: int) -> list[Timing]:
    """Each change asks for a view the page has not loaded yet (no client cache): a district,
    subject and granularity it has not shown, timed from the choice to the redrawn chart."""
    page.goto(f"{web_url}/region/trends")
    page.get_by_test_id("trend-point").first.wait_for(timeout=60_000)
    districts = _options(page, "filter-district")
    subjects = _options(page, "filter-subject")
    views = [(d, s, g) for g in ("month", "week") for d in districts for s in subjects]
    timings: list[Timing] = []
    for district, subject, granularity in views:
        if len(timings) == repeats:
            break
        page.get_by_test_id("filter-district").select_option(district)
        page.get_by_test_id("filter-by").select_option(granularity)
        page.evaluate(TWO_FRAMES)
        start = time.perf_counter()
        try:
            with page.expect_response(
                lambda r: "/v1/trends" in r.url and r.request.method == "GET", timeout=10_000
            ) as trends:
                page.get_by_test_id("filter-subject").select_option(subject)
        except PlaywrightTimeout:
            # The choice asked for nothing: it was the view already shown (the district change
            # kept that subject), so there is no change to time.
            continue
        page.locator('[data-testid="trend-point"], [data-testid="empty-state"]').first.wait_for()
        page.evaluate(TWO_FRAMES)
        timings.append(((time.perf_counter() - start) * 1000, _api_ms(trends.value)))
    return timings


def _options(page: Page, test_id: str) -> list[str]:
    values = (
        page.get_by_test_id(test_id)
        .locator("option")
        .evaluate_all("options => options.map(o => o.value)")
    )
    return [str(v) for v in values if v]


def _overview_js_gzip_bytes(browser: Browser, web_url: str, email: str, password: str) -> int:
    """Every script the browser loads from the web app to show the overview, gzipped."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    scripts: dict[str, bytes] = {}

    def keep(response: Any) -> None:
        if response.url.startswith(web_url) and response.request.resource_type == "script":
            scripts[response.url] = response.body()

    page.on("response", keep)
    try:
        _sign_in(page, web_url, email, password)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return sum(len(gzip.compress(body, compresslevel=6)) for body in scripts.values())
