"""The dashboard calls a region leader's first screens make, timed through the analytics API.
Paths and parameters are data, in one table, so the API can move without touching the bench."""

from __future__ import annotations

import time
from typing import Any

import requests
from loadgen import percentile


def calls(template_id: str) -> dict[str, tuple[str, dict[str, str]]]:
    return {
        "trends": ("/v1/trends", {"template_id": template_id, "granularity": "month"}),
        "heatmap": ("/v1/heatmap", {"template_id": template_id, "by": "district"}),
        "coverage": ("/v1/coverage", {"granularity": "month"}),
        "summary": ("/v1/summary", {}),
    }


def time_calls(
    base_url: str, token: str, template_id: str, repeats: int
) -> dict[str, dict[str, Any]]:
    """First call (cold: the decided-cube cache is empty after a restart) and `repeats` warm
    calls of each, p50/p95."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    results: dict[str, dict[str, Any]] = {}
    for name, (path, params) in calls(template_id).items():
        timings, statuses, error = [], set(), None
        for _ in range(repeats + 1):
            start = time.perf_counter()
            answer = session.get(base_url + path, params=params, timeout=120)
            timings.append((time.perf_counter() - start) * 1000)
            statuses.add(answer.status_code)
            if answer.status_code != 200:
                error = answer.text[:500]
        warm = sorted(timings[1:])
        results[name] = {
            "statuses": sorted(statuses),
            "error": error,
            "cold_ms": round(timings[0], 2),
            "p50_ms": percentile(warm, 50),
            "p95_ms": percentile(warm, 95),
        }
    return results


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
