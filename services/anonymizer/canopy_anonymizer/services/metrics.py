"""What the consumer counts (anonymized, dead-lettered), kept in memory and added to the
database's totals after each poll, so `/v1/metrics` on any web worker shows every replica's work.

Counts are of deliveries: a redelivered message counts again (its output is identical).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

ANONYMIZED, DEAD_LETTERED = "anonymized", "dead_lettered"


class CounterStore(Protocol):
    def add(self, deltas: Mapping[str, int]) -> None: ...


class Tally:
    def __init__(self, store: CounterStore) -> None:
        self._store = store
        self._pending: Counter[str] = Counter()

    def count(self, name: str, n: int = 1) -> None:
        self._pending[name] += n

    def save(self) -> None:
        """Add what was counted since the last save; kept for the next try if the database is
        unavailable (metrics never stop the consumer)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, Counter()
        try:
            self._store.add(pending)
        except SQLAlchemyError:
            log.warning("could not save metrics; will retry", exc_info=True)
            self._pending.update(pending)
