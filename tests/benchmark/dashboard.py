"""The dashboard calls a region leader's and a district leader's first screens make, timed
through the analytics API. Paths and parameters are data, in one table, so the API can move
without touching the bench."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from typing import Any

import requests
from loadgen import percentile

from canopy_shared.runtime.processes import SERVICES, RuntimeConfig

# The finest answer either tier can ask for: weekly points, one school, both breakdowns.
FINEST = "finest"


def calls(
    template_id: str, school_id: str, subject: str = "math", grade_band: str = "6-8"
) -> dict[str, tuple[str, dict[str, str]]]:
    return {
        "trends": ("/v1/trends", {"template_id": template_id, "granularity": "month"}),
        "heatmap": ("/v1/heatmap", {"template_id": template_id, "by": "district"}),
        "coverage": ("/v1/coverage", {"granularity": "month"}),
        "summary": ("/v1/summary", {}),
        FINEST: (
            "/v1/trends",
            {
                "template_id": template_id,
                "granularity": "week",
                "school_id": school_id,
                "subject": subject,
                "grade_band": grade_band,
            },
        ),
    }


def time_calls(
    base_url: str, token: str, template_id: str, school_id: str, repeats: int
) -> dict[str, dict[str, Any]]:
    """First call (cold: the decided-cube cache is empty after a restart) and `repeats` warm
    calls of each, p50/p95."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    results: dict[str, dict[str, Any]] = {}
    for name, (path, params) in calls(template_id, school_id).items():
        timings, statuses, error = [], set(), None
        for _ in range(repeats + 1):
            start = time.perf_counter()
            try:
                answer = session.get(base_url + path, params=params, timeout=600)
            except requests.RequestException as err:  # reported; the next call is timed
                error = f"{type(err).__name__}: {err}"[:500]
                break
            timings.append((time.perf_counter() - start) * 1000)
            statuses.add(answer.status_code)
            if answer.status_code != 200:
                error = answer.text[:500]
        if not timings:
            results[name] = {"statuses": [], "error": error}
            continue
        warm = sorted(timings[1:])
        results[name] = {
            "statuses": sorted(statuses),
            "error": error,
            "cold_ms": round(timings[0], 2),
            "p50_ms": percentile(warm, 50),
            "p95_ms": percentile(warm, 95),
        }
    return results


# How long the bench waits for a region release's decision before it reports it undecided.
DECIDE_WAIT_S = 1800


def wait_until_decided(base_url: str, token: str, template_id: str) -> dict[str, Any]:
    """Seconds until a region answer reads the release just cut: one call whose shape the
    timed calls do not use (a subject filter), so it waits for the release's decision (the
    warmer's, or its own) and leaves every timed shape cold. A call that fails or outlasts
    `DECIDE_WAIT_S` is reported (`error`) and the bench goes on."""
    start = time.perf_counter()
    try:
        answer = requests.get(
            base_url + "/v1/trends",
            params={"template_id": template_id, "granularity": "month", "subject": "ela"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=DECIDE_WAIT_S,
        )
    except requests.RequestException as err:
        seconds = round(time.perf_counter() - start, 2)
        return {"decided_s": None, "error": f"after {seconds} s: {type(err).__name__}: {err}"}
    seconds = round(time.perf_counter() - start, 2)
    if answer.status_code != 200:
        return {"decided_s": None, "error": f"HTTP {answer.status_code}: {answer.text[:300]}"}
    return {"decided_s": seconds}


# What analytics logs once its release warmer has decided every cube of a new cut
# (services/release_warmer.py), and how long the bench waits for it.
WARMED_LINE = re.compile(rb"region release decided ahead of answers: [1-9][0-9]* cubes")
WARM_WAIT_S = 1800


def log_size(config: RuntimeConfig) -> int:
    """Where analytics' log ends now: `wait_until_warmed` reads only what comes after."""
    path = config.log_dir / "analytics-web.log"
    return path.stat().st_size if path.exists() else 0


def wait_until_warmed(config: RuntimeConfig, offset: int, since: float) -> dict[str, Any]:
    """Seconds from `since` (the cut) until analytics logged that its warmer decided every cube
    of the release (the walkthroughs' and each template's ratings), after `offset` in its log.
    Region answers timed before that share the process with the warmer's last cubes and its
    full garbage collection (a 10M run: region trends warm p95 837 ms, the first shape timed)."""
    path = config.log_dir / "analytics-web.log"
    deadline = time.monotonic() + WARM_WAIT_S
    while time.monotonic() < deadline:
        with path.open("rb") as log_file:
            log_file.seek(offset)
            if WARMED_LINE.search(log_file.read()):
                return {"warmed_s": round(time.perf_counter() - since, 2)}
        time.sleep(0.5)
    return {"warmed_s": None}


def cut_release(config: RuntimeConfig) -> dict[str, Any]:
    """Cut a region release as the operator does (`python -m canopy_analytics release`, in the
    analytics service's environment) and time the command."""
    analytics = next(spec for spec in SERVICES if spec.name == "analytics")
    env = {**os.environ, **config.service_env(analytics)}
    command = [sys.executable, "-m", analytics.package, "release"]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        return {"error": done.stderr[-1000:], "seconds": round(seconds, 2)}
    return {"seconds": round(seconds, 2), "printed": done.stdout.strip()[-200:]}


def walkthroughs_visible(base_url: str, token: str) -> int | None:
    """The scope's walkthrough total this school year, as the summary shows it."""
    answer = requests.get(
        base_url + "/v1/summary", headers={"Authorization": f"Bearer {token}"}, timeout=60
    )
    if answer.status_code != 200:
        return None
    totals = answer.json().get("totals", {})
    return _first_int(totals, "walkthroughs")


def _first_int(node: Any, key: str) -> int | None:
    if isinstance(node, dict):
        if isinstance(node.get(key), int):
            return int(node[key])
        for value in node.values():
            found = _first_int(value, key)
            if found is not None:
                return found
    return None
