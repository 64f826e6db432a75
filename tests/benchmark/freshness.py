"""Freshness: walkthroughs submitted one by one at a steady rate, and how long until the
analytics API counts each. A poller reads the district's total; submissions go to one
district, whose walkthroughs keep their order through every topic (keyed by district), so
the n-th submission is visible once the total reaches base + n."""

from __future__ import annotations

import threading
import time
from typing import Any

import requests
from dashboard import walkthroughs_visible
from loadgen import percentile
from network import BenchNetwork, walkthrough_bodies


def measure(
    intake_url: str,
    analytics_url: str,
    bench: BenchNetwork,
    *,
    rate: float,
    seconds: float,
) -> dict[str, Any]:
    district = next(iter(bench.district_leader_tokens))
    token = bench.district_leader_tokens[district]
    base = walkthroughs_visible(analytics_url, token) or 0
    seen: list[tuple[float, int]] = []
    stop = threading.Event()
    poller = threading.Thread(target=_poll, args=(analytics_url, token, seen, stop), daemon=True)
    poller.start()
    submitted = _submit(intake_url, bench, district, rate, seconds)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not seen or seen[-1][1] < base + len(submitted)):
        time.sleep(0.2)
    stop.set()
    poller.join(10)
    lags = []
    for n, sent in enumerate(submitted, start=1):
        visible = next((t for t, count in seen if count >= base + n), None)
        if visible is not None:
            lags.append((visible - sent) * 1000)
    lags.sort()
    return {
        "rate_per_s": rate,
        "submitted": len(submitted),
        "visible": len(lags),
        "polls": len(seen),
        "p50_ms": percentile(lags, 50),
        "p95_ms": percentile(lags, 95),
        "max_ms": round(lags[-1], 1) if lags else None,
    }


def _submit(
    intake_url: str, bench: BenchNetwork, district: str, rate: float, seconds: float
) -> list[float]:
    """Submit times (when intake answered 201) of each accepted walkthrough, in order."""
    session = requests.Session()
    bodies = (
        pair
        for pair in walkthrough_bodies(bench, seed=7)
        if bench.district_of_school[pair[1]["school_id"]] == district
    )
    accepted, start = [], time.monotonic()
    for n in range(int(rate * seconds)):
        time.sleep(max(0.0, start + n / rate - time.monotonic()))
        token, body = next(bodies)
        answer = session.post(
            intake_url + "/v1/walkthroughs",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        if answer.status_code == 201:
            accepted.append(time.monotonic())
    return accepted


def _poll(url: str, token: str, seen: list[tuple[float, int]], stop: threading.Event) -> None:
    while not stop.is_set():
        count = walkthroughs_visible(url, token)
        if count is not None:
            seen.append((time.monotonic(), count))
        stop.wait(0.05)
