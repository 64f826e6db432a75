"""Capturing walkthroughs in the web app as an observer does (issue #14): the offline shell
ready, two taps to a form, rate what the template asks, submit. Used by test_capture.py and the
benchmark's capture phase."""

from __future__ import annotations

import time

from playwright.sync_api import Page

SW_READY = """async () => {
    if (!('serviceWorker' in navigator)) return false;
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
}"""


def wait_until_offline_ready(page: Page, *, timeout_s: float = 90) -> None:
    """The service worker controls the page and the device holds the person's kit."""
    page.get_by_test_id("capture-ready").wait_for(timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(SW_READY):
        assert time.monotonic() < deadline, "the service worker never took control of the page"
        page.wait_for_timeout(250)


def start_walkthrough(page: Page, teacher: int) -> str:
    """From the start screen: tap the n-th teacher; the form's device-made id."""
    page.get_by_test_id("capture-teacher").nth(teacher).click()
    form = page.get_by_test_id("capture-form")
    form.wait_for()
    return form.get_attribute("data-id") or ""


def fill_and_submit(page: Page, *, share: bool = False, note: str = "") -> None:
    """Class details where the roster did not prefill them, one rating per look-for."""
    for test_id, value in (("capture-subject", "math"), ("capture-grade", "5")):
        if not page.get_by_test_id(test_id).input_value():
            page.get_by_test_id(test_id).select_option(value)
    for look_for in page.get_by_test_id("capture-lookfor").all():
        look_for.locator("label.capture-level").last.click()
    if note:
        page.get_by_test_id("capture-overall").fill(note)
    if share:
        page.get_by_test_id("capture-share").check()
    page.get_by_test_id("capture-submit").click()
    page.get_by_test_id("capture-start").wait_for()


def capture(page: Page, teacher: int, **options: bool | str) -> str:
    observation_id = start_walkthrough(page, teacher)
    fill_and_submit(page, **options)  # type: ignore[arg-type]
    return observation_id


def outbox_ids(page: Page, state: str) -> set[str]:
    items = page.locator(f"[data-testid=outbox-item][data-state={state}]")
    return {item.get_attribute("data-id") or "" for item in items.all()}
