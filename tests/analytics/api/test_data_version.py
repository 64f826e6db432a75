"""The data version every answer's cache key holds is asked of the embedded engine only after a
write: the engine is opened by one process, whose one store makes every write, so a count of its
writes says when the version can have moved. A district leader sees a new walkthrough at once;
a server store, which other processes write to, asks every time."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import clickhouse_connect
import pytest

from canopy_analytics.adapters.clickhouse.data_version import data_version
from canopy_analytics.adapters.clickhouse.dimensions import DimensionReader
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.memo import LruMemo

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
        assert data_version(store) == first and store.reads == 1
        store.command("INSERT INTO facts_versions VALUES ('district-1', 3, now64(3))")
        moved = data_version(store)
        assert moved != first and store.reads == 2
        assert moved.of_districts(("district-1",))[0][1] == 3
    finally:
        store.close()


def test_a_store_other_processes_write_to_is_asked_every_time(clickhouse_dsn: str) -> None:
    store = CountingStore(clickhouse_connect.get_client(dsn=clickhouse_dsn), sole_writer=False)
    try:
        assert data_version(store) == data_version(store) and store.reads == 2
    finally:
        store.close()


def test_a_lookup_is_read_again_only_when_what_it_reads_was_written(clickhouse_dsn: str) -> None:
    """A state-wide network's sink writes for some district every half second: one district's
    write must not send every other district's answers back to the engine for their lookups,
    nor any answer for names, roster counts or templates."""
    store = CountingStore(clickhouse_connect.get_client(dsn=clickhouse_dsn), sole_writer=True)
    memo = LruMemo()
    ours, theirs = f"district-{uuid.uuid4()}", f"district-{uuid.uuid4()}"

    def lookups() -> tuple[Any, ...]:
        """One answer's lookups; how many queries reached the engine for them (the version's
        included)."""
        before = store.reads
        reader = DimensionReader(store, memo, data_version(store))
        found = (reader.latest_week([ours]), reader.names([ours]))
        return found, store.reads - before

    def write(sql: str) -> None:
        store.command(sql)

    try:
        write(f"INSERT INTO org_units VALUES ('district', '{ours}', 'Alder USD', '', '', now64(6))")
        (week, names), reads = lookups()
        assert week is None and names == {ours: "Alder USD"} and reads == 3
        assert lookups()[1] == 0  # nothing written: all from the memo

        write(f"INSERT INTO facts_versions VALUES ('{theirs}', 3, now64(3))")
        assert lookups()[1] == 1  # the version only: another district's facts moved

        write(f"INSERT INTO facts_versions VALUES ('{ours}', 2, now64(3))")
        assert lookups()[1] == 2  # the version and our facts' lookup; not the names

        write(f"INSERT INTO org_units VALUES ('district', '{ours}', 'Alder UD', '', '', now64(6))")
        (_, names), reads = lookups()
        assert names == {ours: "Alder UD"} and reads == 3  # a dimension moved: both again
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
