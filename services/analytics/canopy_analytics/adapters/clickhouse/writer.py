"""Staging rows and writing them to ClickHouse in one flush per batch.

Idempotence, in two nets: a walkthrough whose `observation_key` is already in a fact table (or
earlier in the batch) is not inserted again, so the insert-time rollups never count it twice;
and the fact tables are ReplacingMergeTree on that key. Each fact table is checked on its own,
so a flush that failed between the two inserts is completed, not doubled, by the retry.
Dimension rows are versioned by their event time and simply re-inserted.

Torn inserts: the rollups the fact inserts fill (materialized views) commit after the facts, so
a process killed between them leaves facts no rollup counted. Before its first write, and after
a failed one, the writer puts such rollups right (rollup_repair.py).

Poison isolation: a message whose rows ClickHouse refuses (a value the contract let through but
no column holds) must not fail the batch forever and freeze every district's figures. When a
flush fails while the store answers, the batch is written again message by message; each
message that still fails goes to the `dead_letter` callback with its reason and the rest are
stored. When the store does not answer, the flush fails as a whole and the batch is redelivered.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from canopy_analytics.adapters.clickhouse.rollup_repair import repair_rollups
from canopy_analytics.adapters.clickhouse.rows import FACT_TABLES, OBSERVATION_FACTS, Row
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore

log = logging.getLogger(__name__)

# Called with a message the store refused on its own (the object given to `stage`) and why.
DeadLetter = Callable[[Any, str], None]


@dataclass
class _Staged:
    source: Any  # what the rows came from (the consumed message), handed back if refused
    rows: list[Row] = field(default_factory=list)


class BatchWriter:
    """The sink's batch: rows staged message by message, written in one flush."""

    def __init__(self, store: ClickHouseStore, *, dead_letter: DeadLetter | None = None) -> None:
        self._store = store
        self._dead_letter = dead_letter
        self._staged: list[_Staged] = []
        self._keys: set[str] = set()
        self.messages = 0  # messages staged since the last flush
        # Whether an insert may have been torn since the rollups were checked: at start (the
        # last process may have been killed mid-insert) and after a failed write.
        self._torn = True

    def stage(self, rows: list[Row], source: Any = None) -> None:
        """Add one message's rows; a walkthrough already staged in this batch is skipped."""
        self.messages += 1
        facts = [row for row in rows if row.table in FACT_TABLES]
        if facts:
            key = facts[0].observation_key
            if key in self._keys:
                return
            self._keys.add(key)
        self._staged.append(_Staged(source, list(rows)))

    def flush(self) -> int:
        """Write everything staged; return how many new walkthroughs were inserted. The batch
        is dropped either way: after a failure its messages are delivered and staged again."""
        try:
            if self._torn:
                repair_rollups(self._store)
                self._torn = False
            try:
                return self._write(self._staged)
            except Exception as err:
                self._torn = True
                if self._dead_letter is None or not self._store_answers():
                    raise
                log.warning("batch insert failed (%s); writing its messages one by one", err)
                return sum(self._write_alone(staged) for staged in self._staged)
        finally:
            self.discard()

    def discard(self) -> None:
        self._staged.clear()
        self._keys.clear()
        self.messages = 0

    def _write(self, batch: list[_Staged]) -> int:
        rows: dict[str, list[Row]] = defaultdict(list)
        for staged in batch:
            for row in staged.rows:
                rows[row.table].append(row)
        for table in sorted(set(rows) - set(FACT_TABLES)):
            self._insert(table, rows[table])
        inserted = 0
        for table in FACT_TABLES:
            fresh = self._not_yet_stored(table, rows.get(table, []))
            self._insert(table, fresh)
            if table == OBSERVATION_FACTS:
                inserted = len(fresh)
        return inserted

    def _write_alone(self, staged: _Staged) -> int:
        try:
            return self._write([staged])
        except Exception as err:
            if not self._store_answers():
                raise  # the store went away meanwhile: redeliver, do not dead-letter
            assert self._dead_letter is not None
            self._dead_letter(staged.source, f"ClickHouse refused its rows: {err}")
            return 0

    def _store_answers(self) -> bool:
        try:
            self._store.ping()
        except Exception:
            log.warning("ClickHouse does not answer: the batch will be redelivered", exc_info=True)
            return False
        return True

    def _not_yet_stored(self, table: str, rows: list[Row]) -> list[Row]:
        if not rows:
            return []
        days: set[date] = {row.values["observed_on"] for row in rows}
        stored = {
            key
            for (key,) in self._store.query_rows(
                f"SELECT DISTINCT observation_key FROM {table}"
                " WHERE observed_on IN {days:Array(Date)}"
                " AND observation_key IN {keys:Array(String)}",
                {"days": sorted(days), "keys": sorted({row.observation_key for row in rows})},
            )
        }
        return [row for row in rows if row.observation_key not in stored]

    def _insert(self, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        columns = list(rows[0].values)
        self._store.insert(table, [[row.values[c] for c in columns] for row in rows], columns)
