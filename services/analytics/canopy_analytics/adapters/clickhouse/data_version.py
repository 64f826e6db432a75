"""What the store holds, cheaply fingerprinted: the freshness part of every memo key (decided
cubes, and the lookups an answer makes)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from canopy_analytics.adapters.clickhouse.dimension_rows import (
    DISTRICT_CONNECTIONS,
    ORG_UNITS,
    SCHOOL_TEACHER_COUNTS,
    TEMPLATE_INDICATORS,
    TEMPLATE_VERSIONS,
)
from canopy_analytics.adapters.clickhouse.rows import FACT_TABLES
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore

T = TypeVar("T")

# The dimension tables are small (one row per org, connection change, roster count, template
# version), so hashing every row costs little and, unlike a row count, cannot come back to an
# earlier value when a replayed duplicate is merged away while a new row arrives.
_DIMENSIONS = (
    DISTRICT_CONNECTIONS,
    ORG_UNITS,
    SCHOOL_TEACHER_COUNTS,
    TEMPLATE_VERSIONS,
    TEMPLATE_INDICATORS,
)

FactsVersion = tuple[tuple[str, int, Any], ...]  # (district, rows inserted, last ingested)


@dataclass(frozen=True)
class DataVersion:
    """Walkthrough rows inserted per district (count and last write) and a hash of the
    dimension tables."""

    facts: FactsVersion
    dimensions: tuple[Any, ...]  # None for an empty table

    def of_districts(self, districts: tuple[str, ...]) -> FactsVersion:
        """The part a scope's cubes depend on: its districts' facts. Another region's (or
        district's) flush leaves it unchanged, so its decided cubes stay valid."""
        wanted = set(districts)
        return tuple(entry for entry in self.facts if entry[0] in wanted)


# Per store and part (facts, dimensions): the part last read, with the count of writes to its
# tables before that read. A write that ends after the count was taken moves the count, so the
# next caller reads again: a cached part is never newer than its count says, only ever re-read
# once too often.
_LAST_READ: weakref.WeakKeyDictionary[ClickHouseStore, dict[str, tuple[int, Any]]] = (
    weakref.WeakKeyDictionary()
)
_LAST_READ_LOCK = threading.Lock()


def data_version(store: ClickHouseStore) -> DataVersion:
    """The store's version. When the store counts its writes (the embedded engine: two thirds
    of a warm answer's time was this query, issue #17), each part is asked of the engine only
    after a write to its tables: the sink's inserts re-read the facts part, not the hash of
    every dimension table (2 of 8 ms)."""
    if not store.counts_writes:
        return _read_data_version(store)
    return DataVersion(
        # the fact inserts maintain `facts_versions` (a materialized view)
        _part(store, "facts", FACT_TABLES, lambda: _read_facts(store)),
        _part(store, "dimensions", _DIMENSIONS, lambda: _read_dimensions(store)),
    )


def _part(store: ClickHouseStore, name: str, tables: tuple[str, ...], read: Callable[[], T]) -> T:
    writes = store.writes_to(tables)
    with _LAST_READ_LOCK:
        last = _LAST_READ.get(store, {}).get(name)
    if last is not None and last[0] == writes:
        cached: T = last[1]
        return cached
    value = read()
    with _LAST_READ_LOCK:
        _LAST_READ.setdefault(store, {})[name] = (writes, value)
    return value


# Walkthrough rows per district, from `facts_versions`, which the insert into
# `observation_facts` maintains (a lookup, not a scan of the facts). The sink writes rating facts
# before observation facts, so a district's row moves only once both are in.
_FACTS = (
    "SELECT groupArray((district_id, n, last)) FROM (SELECT district_id,"
    " sum(inserted) AS n, max(last_ingested) AS last FROM facts_versions"
    " GROUP BY district_id ORDER BY district_id)"
)
_HASHES = ", ".join(f"(SELECT sum(cityHash64(*)) FROM {table})" for table in _DIMENSIONS)


def _read_data_version(store: ClickHouseStore) -> DataVersion:
    """Both parts in one query (a server store, asked every time). Changes whenever a
    walkthrough, a connection, a name, a roster count or a template is written."""
    facts, *dimensions = store.query_rows(f"SELECT ({_FACTS}), {_HASHES}")[0]
    return DataVersion(_facts(facts), tuple(dimensions))


def _read_facts(store: ClickHouseStore) -> FactsVersion:
    return _facts(store.query_rows(_FACTS)[0][0])


def _read_dimensions(store: ClickHouseStore) -> tuple[Any, ...]:
    return tuple(store.query_rows(f"SELECT {_HASHES}")[0])


def _facts(rows: Any) -> FactsVersion:
    return tuple((str(d), int(n), last) for d, n, last in rows)
