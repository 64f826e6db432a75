"""A small in-process memo shared by one process's answers: decided cubes and dimension
lookups, each keyed by the data version it was computed at (so a write makes it unreachable,
never stale). The least recently used entries are dropped past `size`."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class LruMemo:
    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept under `key`, computed (outside the lock) when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                found: T = self._items[key]  # type: ignore[assignment]  # put() stored a T
                return found
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (timing a cold answer)."""
        with self._lock:
            self._items.clear()
