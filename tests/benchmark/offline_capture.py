"""Offline capture's speed as an observer feels it (issue #14), in headless Chromium against the
running system: with the device offline, the time from tapping "New walkthrough" to a start
screen listing the school's teachers, and from tapping a teacher to the drawn form; then 200
walkthroughs queued on the device and the time from the network coming back to intake having
answered for all of them (its batch endpoint, 200 at a time)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from loadgen import percentile
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.e2e.web.browser import TABLET, launch_chromium
from tests.e2e.web.capture import capture, wait_until_offline_ready

TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
QUEUED = 200

# Copies of one queued walkthrough under new device-made ids, straight into the app's store
# (what 200 walkthroughs captured on a day without network leave behind).
OPEN = """const open = () => new Promise((ok, no) => {
    const r = indexedDB.open("canopy-capture");
    r.onsuccess = () => ok(r.result);
    r.onerror = no;
});
const answer = (r) => new Promise((ok) => { r.onsuccess = () => ok(r.result); });
"""
CLONE = (
    OPEN
    + """return (async ([id, count]) => {
    const db = await open();
    const one = await answer(db.transaction("walkthroughs").objectStore("walkthroughs").get(id));
    const tx = db.transaction("walkthroughs", "readwrite");
    const ids = [id];
    for (let i = 1; i < count; i++) {
        const copy = { ...one, id: crypto.randomUUID() };
        ids.push(copy.id);
        tx.objectStore("walkthroughs").put(copy);
    }
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
    return ids;
})(args);"""
)

SENT = (
    OPEN
    + """return (async (ids) => {
    const db = await open();
    const all = await answer(db.transaction("walkthroughs").objectStore("walkthroughs").getAll());
    db.close();
    const wanted = new Set(ids);
    const answered = all.filter((w) => wanted.has(w.id) && w.state !== "queued");
    return [answered.length, answered.filter((w) => w.state === "rejected").length];
})(args);"""
)


def measure(web_url: str, email: str, password: str, repeats: int) -> dict[str, Any]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=TABLET)
            page = context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())  # "Discard this walkthrough?"
            _sign_in(page, web_url, email, password)
            wait_until_offline_ready(page)
            context.set_offline(True)
            starts, forms = _capture_screens_ms(page, repeats)
            sync = _sync_ms(page, context)
        finally:
            browser.close()
    return {"new_walkthrough_ready": _summary(starts), "teacher_to_form": _summary(forms), **sync}


def _sign_in(page: Page, web_url: str, email: str, password: str) -> None:
    page.goto(f"{web_url}/sign-in?next=/capture")
    page.get_by_test_id("signin-email").fill(email)
    page.get_by_test_id("signin-password").fill(password)
    page.get_by_test_id("signin-submit").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)


def _capture_screens_ms(page: Page, repeats: int) -> tuple[list[float], list[float]]:
    starts: list[float] = []
    forms: list[float] = []
    for n in range(repeats):
        page.get_by_test_id("capture-outbox-link").click()
        page.get_by_test_id("capture-outbox").wait_for()
        page.evaluate(TWO_FRAMES)
        start = time.perf_counter()
        page.get_by_test_id("capture-new").click()
        page.get_by_test_id("capture-teacher").first.wait_for()
        page.evaluate(TWO_FRAMES)
        starts.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        page.get_by_test_id("capture-teacher").nth(n % 5).click()
        page.get_by_test_id("capture-lookfor").first.wait_for()
        page.evaluate(TWO_FRAMES)
        forms.append((time.perf_counter() - start) * 1000)
        page.get_by_role("button", name="Discard").click()
        page.get_by_test_id("capture-start").wait_for()
    return starts, forms


def _sync_ms(page: Page, context: Any) -> dict[str, Any]:
    first = capture(page, 0)
    ids: list[str] = page.evaluate(_script(CLONE), [first, QUEUED])
    start = time.perf_counter()
    context.set_offline(False)
    deadline = start + 120
    while (done := page.evaluate(_script(SENT), ids))[0] < len(ids):
        if time.perf_counter() > deadline:
            return {"sync_200": {"n": len(ids), "answered": done[0], "error": "not in 120 s"}}
        page.wait_for_timeout(50)
    ms = (time.perf_counter() - start) * 1000
    return {"sync_200": {"n": len(ids), "rejected": done[1], "ms": ms}}


def _script(body: str) -> str:
    return f"async (args) => {{ {body} }}"


def _summary(timings: list[float]) -> dict[str, Any]:
    ordered = sorted(timings)
    return {"n": len(ordered), "p50_ms": percentile(ordered, 50), "p95_ms": percentile(ordered, 95)}


def main() -> None:
    """This phase alone, on the demo network: python tests/benchmark/offline_capture.py"""
    import json
    import tempfile

    from canopy_shared.testing.system import running_system, system_environment

    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp) / "var"
        with running_system(var, env=system_environment(var, demo=True)) as system:
            system.wait_for_output("password for every demo account", timeout_s=120)
            demo = json.loads((var / "demo.json").read_text())
            email = next(a["email"] for a in demo["sign_ins"] if a["role"] == "observer")
            print(json.dumps(measure(system.web_url, email, demo["password"], 20), indent=2))


if __name__ == "__main__":
    main()
