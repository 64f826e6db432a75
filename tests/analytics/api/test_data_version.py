"""The data version every answer's cache key holds is asked of the embedded engine only after a
write: the engine is opened by one process, whose one store makes every write, so a count of its
writes says when the version can have moved. A district leader sees a new walkthrough at once;
a server store, which other processes write to, asks every time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import clickhouse_connect
import pytest

from canopy_analytics.adapters.clickhouse.data_version import data_version
from canopy_analytics.adapters.clickhouse.dimension_rows import ORG_UNITS
from canopy_analytics.adapters.clickhouse.dimensions import DimensionReader
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.clickhouse.writer import BatchWriter
from canopy_analytics.adapters.memo import LruMemo
from tests.analytics.conftest import write_as_sink

pytestmark = pytest.mark.integration


class CountingStore(ClickHouseStore):
    """The real store, counting the reads that reach the engine."""

    def __init__(self, client: Any, *, sole_writer: bool) -> None:
        super().__init__(client, sole_writer=sole_writer)
        self.reads = 0

    def query_rows(self, sql: str, parameters: dict[str, Any] | None = None) -> Any:
        self.reads += 1
        return super().query_rows(sql, parameters)


def _walkthroughs_seen(client, headers) -> int:
    summary = client.get("/v1/summary", headers=headers).json
    return int(summary["totals"]["teachers_observed"]["walkthroughs"])


def test_the_version_is_read_again_only_after_a_write(clickhouse_dsn: str) -> None:
    store = CountingStore(clickhouse_connect.get_client(dsn=clickhouse_dsn), sole_writer=True)
    try:
        first = data_version(store)
        assert data_version(store) == first and store.reads == 2  # facts and dimensions
        store.command("INSERT INTO facts_versions VALUES ('district-1', 3, now64(3))")
        moved = data_version(store)
        assert moved != first and store.reads == 4  # a command may write any table: both again
        assert moved.of_districts(("district-1",))[0][1] == 3
    finally:
        store.close()


def test_a_store_other_processes_write_to_is_asked_every_time(clickhouse_dsn: str) -> None:
    store = CountingStore(clickhouse_connect.get_client(dsn=clickhouse_dsn), sole_writer=False)
    try:
        assert data_version(store) == data_version(store) and store.reads == 2
    finally:
        store.close()


class Sink:
    """Writes as the sink does, through one writer for its life (a new writer first checks the
    rollups for a torn insert, which writes whatever it finds short)."""

    def __init__(self, store: ClickHouseStore) -> None:
        self.writer = BatchWriter(store)

    def __call__(self, envelopes: list[Any]) -> int:
        return write_as_sink(self.writer, envelopes)


def _rename(store: ClickHouseStore, org_type: str, org_id: str, name: str) -> None:
    """A dimension row as the sink writes one (tenancy renamed a school or district)."""
    row = [org_type, org_id, name, "", "", datetime.now(UTC)]
    store.insert(
        ORG_UNITS, [row], ["org_type", "org_id", "name", "region_id", "district_id", "version"]
    )


def test_the_sinks_inserts_reread_the_facts_part_only(clickhouse_dsn: str, network) -> None:
    """The sink writes walkthroughs every half second under load: after each, an answer asks
    the engine for the walkthrough counts again, not for the hash of every dimension table;
    a dimension row (a name, a roster count) moves the dimension part alone."""
    store = CountingStore(clickhouse_connect.get_client(dsn=clickhouse_dsn), sole_writer=True)
    sink = Sink(store)
    district = network.district(network.region(), "Birch USD")
    school = network.school(district, 6)
    template = network.template({"engagement": [1, 2, 3, 4]})

    def version_reads() -> tuple[Any, int]:
        before = store.reads
        version = data_version(store)
        return version, store.reads - before

    try:
        sink(network.events)
        first, _ = version_reads()
        walkthrough = network.walkthrough(school, 1, date(2026, 9, 8), {"engagement": 2},
                                          template_id=template)  # fmt: skip
        assert sink([walkthrough]) == 1
        moved, reads = version_reads()
        assert reads == 1 and moved.dimensions == first.dimensions
        assert moved.of_districts((district,)) != first.of_districts((district,))

        _rename(store, "school", school, "Renamed")
        renamed, reads = version_reads()
        assert reads == 1 and renamed.facts == moved.facts
        assert renamed.dimensions != moved.dimensions
        assert version_reads()[1] == 0  # nothing written since
    finally:
        store.close()


def test_a_lookup_is_read_again_only_when_what_it_reads_was_written(
    clickhouse_dsn: str, network
) -> None:
    """A state-wide network's sink writes for some district every half second: one district's
    write must not send every other district's answers back to the engine for their lookups,
    nor any answer for names, roster counts or templates."""
    store = CountingStore(clickhouse_connect.get_client(dsn=clickhouse_dsn), sole_writer=True)
    sink, memo = Sink(store), LruMemo()
    region = network.region()
    ours, theirs = network.district(region, "Alder USD"), network.district(region, "Cedar USD")
    template = network.template({"engagement": [1, 2, 3, 4]})
    schools = {ours: network.school(ours, 6), theirs: network.school(theirs, 6)}

    def walkthrough_in(district: str) -> None:
        school = schools[district]
        envelope = network.walkthrough(school, 1, date(2026, 9, 8), {"engagement": 2},
                                       template_id=template)  # fmt: skip
        assert sink([envelope]) == 1

    def lookups() -> tuple[Any, int]:
        """One answer's lookups, and how many queries reached the engine for them (the
        version's parts included)."""
        before = store.reads
        reader = DimensionReader(store, memo, data_version(store))
        found = (reader.latest_week([ours]), reader.names([ours]))
        return found, store.reads - before

    try:
        sink(network.events)
        (week, names), reads = lookups()
        assert week is None and names == {ours: "Alder USD"} and reads == 2 + 2
        assert lookups()[1] == 0  # nothing written: all from the memo

        walkthrough_in(theirs)
        assert lookups()[1] == 1  # the facts part only: another district's walkthrough

        walkthrough_in(ours)
        (week, _), reads = lookups()
        assert week == date(2026, 9, 7) and reads == 1 + 1  # and our facts' lookup, not names

        _rename(store, "district", ours, "Alder Unified")
        (_, names), reads = lookups()
        assert names == {ours: "Alder Unified"} and reads == 1 + 2  # a dimension moved: both
    finally:
        store.close()


def test_a_walkthrough_written_after_an_answer_is_in_the_next(app, network, ingest, as_district):
    district = network.district(network.region(), "Alder USD")
    school = network.school(district, 6)
    template = network.template({"engagement": [1, 2, 3, 4]})
    ingest(network.events)
    client, headers = app.test_client(), as_district(district)
    for seen in range(1, 4):
        ingest([network.walkthrough(school, seen, date(2026, 9, 8), {"engagement": 2},
                                    template_id=template)])  # fmt: skip
        assert _walkthroughs_seen(client, headers) == seen
        assert _walkthroughs_seen(client, headers) == seen  # the cached version, still right
