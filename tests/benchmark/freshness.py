"""Freshness: walkthroughs submitted one by one at a steady rate, and how long until the
analytics API counts each. A poller reads the district's total; submissions go to one
district, whose walkthroughs keep their order through every topic (keyed by district), so
the n-th submission is visible once the total reaches base + n.

The pipeline's own share is measured beside it: a second poller reads the analytics sink's
committed offsets on the anonymized topic every 20 ms (the sink commits only after the insert),
so `pipeline_*` is intake's 201 -> rows in ClickHouse, and the rest is the API call itself."""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

import requests
from bus import Offsets
from dashboard import walkthroughs_visible
from kafka.errors import KafkaError
from loadgen import percentile
from network import BenchNetwork, walkthrough_bodies

from canopy_shared.contracts.topics import OBSERVATIONS_ANONYMIZED

ANONYMIZED = OBSERVATIONS_ANONYMIZED.name
SINK_GROUP = OBSERVATIONS_ANONYMIZED.consumers[0]


def measure(
    intake_url: str,
    analytics_url: str,
    bench: BenchNetwork,
    *,
    bootstrap: str,
    rate: float,
    seconds: float,
) -> dict[str, Any]:
    district = next(iter(bench.district_leader_tokens))
    token = bench.district_leader_tokens[district]
    base = walkthroughs_visible(analytics_url, token) or 0
    seen: list[tuple[float, int]] = []
    inserted: list[tuple[float, int]] = []
    stop = threading.Event()
    pollers = [
        threading.Thread(target=_poll, args=(analytics_url, token, seen, stop), daemon=True),
        threading.Thread(target=_poll_sink, args=(bootstrap, inserted, stop), daemon=True),
    ]
    for poller in pollers:
        poller.start()
    ready_by = time.monotonic() + 10
    while not inserted and time.monotonic() < ready_by:
        time.sleep(0.05)  # the sink's offsets read once before the first submission
    submitted = _submit(intake_url, bench, district, rate, seconds)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not seen or seen[-1][1] < base + len(submitted)):
        time.sleep(0.2)
    stop.set()
    for poller in pollers:
        poller.join(10)
    lags = _lags(submitted, seen, base)
    pipeline = _lags(submitted, inserted, inserted[0][1]) if inserted else []
    return {
        "rate_per_s": rate,
        "submitted": len(submitted),
        "visible": len(lags),
        "polls": len(seen),
        "p50_ms": percentile(lags, 50),
        "p95_ms": percentile(lags, 95),
        "max_ms": round(lags[-1], 1) if lags else None,
        "pipeline_p50_ms": percentile(pipeline, 50),
        "pipeline_p95_ms": percentile(pipeline, 95),
    }


def _lags(submitted: list[float], seen: list[tuple[float, int]], base: int) -> list[float]:
    """ms from each submission to the first sample that counts it (sorted)."""
    lags = []
    for n, sent in enumerate(submitted, start=1):
        visible = next((t for t, count in seen if count >= base + n), None)
        if visible is not None:
            lags.append((visible - sent) * 1000)
    return sorted(lags)


def _poll_sink(bootstrap: str, seen: list[tuple[float, int]], stop: threading.Event) -> None:
    """The sink's committed offsets on the anonymized topic (rows inserted), every 20 ms."""
    offsets = Offsets(bootstrap)
    try:
        while not stop.is_set():
            with contextlib.suppress(KafkaError, OSError):
                seen.append((time.monotonic(), offsets.committed(SINK_GROUP, ANONYMIZED)))
            stop.wait(0.02)
    finally:
        offsets.close()


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
