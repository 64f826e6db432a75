"""A closed-loop HTTP load generator on loopback: `processes` x `threads` clients, each with
its own keep-alive requests session, POSTing as fast as answers come back for a fixed time.

Pure Python, so `make bench` needs nothing outside the virtualenv. It shares the 2 cores with
the server it measures; the framework ceiling is measured with this same generator, so the
ratio cancels most of that cost."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import requests

# (seed) -> endless (path, bearer token or None, JSON body, items in the body)
Workload = Callable[[int], Iterator[tuple[str, str | None, Any, int]]]


@dataclass
class LoadResult:
    seconds: float
    requests: int = 0
    items: int = 0  # walkthroughs accepted (a batch request carries many)
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def merge(self, other: LoadResult) -> None:
        self.requests += other.requests
        self.items += other.items
        self.errors += other.errors
        self.latencies_ms += other.latencies_ms
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies_ms)
        return {
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "items": self.items,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "requests_per_s": round(self.requests / self.seconds, 1),
            "items_per_s": round(self.items / self.seconds, 1),
            "p50_ms": percentile(ordered, 50),
            "p95_ms": percentile(ordered, 95),
            "p99_ms": percentile(ordered, 99),
        }


def percentile(ordered: list[float], p: float) -> float | None:
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 2)


def run_load(
    base_url: str,
    workload: Workload,
    *,
    seconds: float,
    processes: int = 2,
    threads: int = 4,
    counts_items: Callable[[Any], int] | None = None,
) -> LoadResult:
    context = multiprocessing.get_context("spawn")
    args = [(base_url, workload, seconds, threads, counts_items, n) for n in range(processes)]
    with context.Pool(processes) as pool:
        parts = pool.starmap(_process, args)
    total = LoadResult(seconds=max(p.seconds for p in parts))
    for part in parts:
        total.merge(part)
    return total


def _process(
    base_url: str,
    workload: Workload,
    seconds: float,
    threads: int,
    counts_items: Callable[[Any], int] | None,
    process_number: int,
) -> LoadResult:
    results = [LoadResult(seconds) for _ in range(threads)]
    start = time.monotonic()
    deadline = start + seconds
    workers = [
        threading.Thread(
            target=_client,
            args=(base_url, workload(process_number * 100 + n), deadline, counts_items, results[n]),
        )
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    total = LoadResult(seconds=time.monotonic() - start)
    for result in results:
        total.merge(result)
    return total


def _client(
    base_url: str,
    bodies: Iterator[tuple[str, str | None, Any, int]],
    deadline: float,
    counts_items: Callable[[Any], int] | None,
    result: LoadResult,
) -> None:
    session = requests.Session()
    while time.monotonic() < deadline:
        path, token, body, items = next(bodies)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        sent = time.perf_counter()
        try:
            answer = session.post(base_url + path, json=body, headers=headers, timeout=30)
        except requests.RequestException:
            result.errors += 1
            continue
        result.latencies_ms.append((time.perf_counter() - sent) * 1000)
        result.requests += 1
        result.statuses[answer.status_code] = result.statuses.get(answer.status_code, 0) + 1
        if answer.status_code >= 400:
            result.errors += 1
        elif counts_items is not None:
            result.items += counts_items(answer.json())
        else:
            result.items += items
