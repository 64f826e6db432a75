"""A cube is read in two queries (the cells, then each cell's top contributor for the dominance
rule). Walkthroughs the sink inserts between them must never let a teacher's count exceed the
cell it is read for (that answered 500 on a live district read): the read is taken again, and a
cell that keeps tearing counts as one teacher's alone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from canopy_analytics.adapters.clickhouse.cubes import read_cube
from canopy_analytics.domain.cubes import RATINGS, Cube

pytestmark = pytest.mark.integration


class InsertsBetweenQueries:
    """The real store, with `torn` walkthroughs by one teacher arriving after each of the first
    reads of cells and before the top-contribution query runs (as a concurrent sink flush)."""

    def __init__(self, store: Any, torn_reads: int) -> None:
        self.store, self.torn_reads = store, torn_reads

    def query_rows(self, sql: str, parameters: dict[str, Any]) -> list[tuple[Any, ...]]:
        rows = self.store.query_rows(sql, parameters)
        if "max(n)" in sql and self.torn_reads > 0:
            self.torn_reads -= 1
            return [(*row[:-1], row[-1] + 50) for row in rows]
        return list(rows)


@pytest.fixture
def district_cube(network, ingest) -> Cube:
    district = network.district(network.region(), "D")
    school = network.school(district, 3)
    template = network.template({"engagement": [1, 2, 3, 4]})
    ingest(network.events)
    ingest(
        [
            network.walkthrough(
                school, t, date(2026, 9, 8), {"engagement": 2}, template_id=template
            )
            for t in range(3)
        ]
    )
    return Cube(
        RATINGS, f"district:{district}", None, (district,), "2026-2027", template_id=template
    )


def test_a_read_torn_once_is_read_again(store, district_cube) -> None:
    clean = read_cube(store, district_cube)
    again = read_cube(InsertsBetweenQueries(store, torn_reads=1), district_cube)
    assert again.cells == clean.cells
    assert all(stats.top_contribution == 1 for stats in again.cells.values())


def test_a_read_that_keeps_tearing_counts_each_cell_as_one_teachers(store, district_cube) -> None:
    data = read_cube(InsertsBetweenQueries(store, torn_reads=99), district_cube)
    assert data.cells
    assert all(stats.top_contribution == stats.size for stats in data.cells.values())
