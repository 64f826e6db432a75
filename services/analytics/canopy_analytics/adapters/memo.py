"""A small in-process memo shared by one process's answers: decided cubes and dimension
lookups, each keyed by the data version it was computed at (so a write makes it unreachable,
never stale). The least recently used entries are dropped past `size`.

Single flight: while one thread computes a key, every other thread asking for it waits for that
value instead of computing it again. A decided region release at 10M walkthroughs costs seconds
of CPU and hundreds of MB while it is built; the release warmer and the first answers after a
cut must not build it side by side (issue #17)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

T = TypeVar("T")


class _Flight:
    """One computation under way: its waiters read the value (or the error) when it is done."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None


class LruMemo:
    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept under `key`, computed (outside the lock, once at a time) when
        missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                found: T = self._items[key]  # type: ignore[assignment]  # put() stored a T
                return found
            flight = self._flights.get(key)
            owner = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        if not owner:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return cast(T, flight.value)  # the owner computed a T
        try:
            value = compute()
        except BaseException as error:
            flight.error = error
            raise
        else:
            flight.value = value
            with self._lock:
                self._items[key] = value
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.done.set()

    def clear(self) -> None:
        """Forget everything (timing a cold answer)."""
        with self._lock:
            self._items.clear()
