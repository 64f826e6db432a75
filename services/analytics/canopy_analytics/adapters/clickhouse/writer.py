"""Staging rows and writing them to ClickHouse in one flush per batch.

Idempotence, in two nets: a walkthrough whose `observation_key` is already in a fact table (or
earlier in the batch) is not inserted again, so the insert-time rollups never count it twice;
and the fact tables are ReplacingMergeTree on that key. Each fact table is checked on its own,
so a flush that failed between the two inserts is completed, not doubled, by the retry.
Dimension rows are versioned by their event time and simply re-inserted.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from canopy_analytics.adapters.clickhouse.rows import FACT_TABLES, OBSERVATION_FACTS, Row
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore


class BatchWriter:
    """The sink's batch: rows staged message by message, written in one flush."""

    def __init__(self, store: ClickHouseStore) -> None:
        self._store = store
        self._rows: dict[str, list[Row]] = defaultdict(list)
        self._keys: set[str] = set()
        self.messages = 0  # messages staged since the last flush

    def stage(self, rows: list[Row]) -> None:
        """Add one message's rows; a walkthrough already staged in this batch is skipped."""
        self.messages += 1
        facts = [row for row in rows if row.table in FACT_TABLES]
        if facts:
            key = facts[0].observation_key
            if key in self._keys:
                return
            self._keys.add(key)
        for row in rows:
            self._rows[row.table].append(row)

    def flush(self) -> int:
        """Write everything staged; return how many new walkthroughs were inserted. The batch
        is dropped either way: after a failure its messages are delivered and staged again."""
        try:
            for table in sorted(set(self._rows) - set(FACT_TABLES)):
                self._insert(table, self._rows[table])
            inserted = 0
            for table in FACT_TABLES:
                fresh = self._not_yet_stored(table, self._rows.get(table, []))
                self._insert(table, fresh)
                if table == OBSERVATION_FACTS:
                    inserted = len(fresh)
        finally:
            self.discard()
        return inserted

    def discard(self) -> None:
        self._rows.clear()
        self._keys.clear()
        self.messages = 0

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
