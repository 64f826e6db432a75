"""The analytics memo computes a missing value once at a time: threads asking for a key being
computed wait for it (a decided region release is expensive, issue #17), and an error reaches
every one of them without being kept."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from canopy_analytics.adapters.memo import LruMemo


def test_concurrent_askers_share_one_computation() -> None:
    memo, calls = LruMemo(), []
    started = threading.Event()

    def compute() -> int:
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return 42

    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(memo.remember, "key", compute)
        started.wait(5)
        others = [pool.submit(memo.remember, "key", compute) for _ in range(3)]
        values = [first.result(5), *(f.result(5) for f in others)]
    assert values == [42] * 4
    assert len(calls) == 1


def test_an_error_reaches_every_waiter_and_is_not_kept() -> None:
    memo = LruMemo()
    started, release = threading.Event(), threading.Event()

    def fail() -> int:
        started.set()
        release.wait(5)
        raise RuntimeError("store away")

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(memo.remember, "key", fail)
        started.wait(5)
        waiter = pool.submit(memo.remember, "key", lambda: 7)
        time.sleep(0.05)
        release.set()
        for future in (first, waiter):
            with pytest.raises(RuntimeError, match="store away"):
                future.result(5)
    assert memo.remember("key", lambda: 7) == 7


def test_least_recently_used_entries_are_dropped() -> None:
    memo = LruMemo(size=2)
    memo.remember("a", lambda: 1)
    memo.remember("b", lambda: 2)
    memo.remember("a", lambda: 0)  # a is used again: b is now the oldest
    memo.remember("c", lambda: 3)
    assert memo.remember("a", lambda: 10) == 1
    assert memo.remember("b", lambda: 20) == 20
