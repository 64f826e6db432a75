"""What the store holds, cheaply fingerprinted: the freshness part of every memo key (decided
cubes, and the lookups an answer makes)."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore

# The dimension tables are small (one row per org, connection change, roster count, template
# version), so hashing every row costs little and, unlike a row count, cannot come back to an
# earlier value when a replayed duplicate is merged away while a new row arrives.
_DIMENSIONS = (
    "district_connections",
    "org_units",
    "school_teacher_counts",
    "template_versions",
    "template_indicators",
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


# The last version read per store, with the store's write count before that read. A write that
# ends after the count was taken moves the count, so the next caller reads again: a cached
# version is never newer than its count says, only ever re-read once too often.
_LAST_READ: weakref.WeakKeyDictionary[ClickHouseStore, tuple[int, DataVersion]] = (
    weakref.WeakKeyDictionary()
)
_LAST_READ_LOCK = threading.Lock()


def data_version(store: ClickHouseStore) -> DataVersion:
    """The store's version; asked of the engine only after a write when the store counts them
    (the embedded engine: two thirds of a warm answer's time was this query, issue #17)."""
    writes = store.writes
    if writes is None:
        return _read_data_version(store)
    with _LAST_READ_LOCK:
        last = _LAST_READ.get(store)
    if last is not None and last[0] == writes:
        return last[1]
    version = _read_data_version(store)
    with _LAST_READ_LOCK:
        _LAST_READ[store] = (writes, version)
    return version


def _read_data_version(store: ClickHouseStore) -> DataVersion:
    """Changes whenever a walkthrough, a connection, a name, a roster count or a template is
    written. The sink writes rating facts before observation facts, so a district's observation
    rows move only once both are in. Read from `facts_versions`, which the insert into
    `observation_facts` maintains (a lookup, not a scan of the facts)."""
    hashes = ", ".join(f"(SELECT sum(cityHash64(*)) FROM {table})" for table in _DIMENSIONS)
    facts, *dimensions = store.query_rows(
        "SELECT (SELECT groupArray((district_id, n, last)) FROM (SELECT district_id,"
        " sum(inserted) AS n, max(last_ingested) AS last FROM facts_versions"
        f" GROUP BY district_id ORDER BY district_id)), {hashes}"
    )[0]
    return DataVersion(tuple((str(d), int(n), last) for d, n, last in facts), tuple(dimensions))
