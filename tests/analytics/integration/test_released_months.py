"""A region release reads its months as written at their cut (issue #17, ClickHouse migration
0006), on the real engine: the same cells and top contributions the live facts give when
everything was ingested before the cut; nothing ingested after a cut ever moves a released
month; and a month written twice (two processes at once, or a write cut short and redone) still
reads once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from canopy_analytics.adapters.clickhouse.cubes import read_cube
from canopy_analytics.adapters.clickhouse.released import write_released
from canopy_analytics.domain.cubes import BREAKDOWNS, RATINGS, WALKTHROUGHS, Cube
from canopy_analytics.domain.periods import Bucket

pytestmark = pytest.mark.integration

INDICATORS = {"engagement": [1, 2, 3, 4], "rigor": [1, 2, 3, 4]}
MONTHS = ("2026-09", "2026-10")


@pytest.fixture
def region_network(network, ingest):
    region = network.region()
    districts = [network.district(region, name) for name in ("North", "South")]
    for district in districts:
        for _ in range(2):
            network.school(district, 6)
    template = network.template(INDICATORS)
    ingest(network.events)
    ingest(
        network.random_walkthroughs(
            template, INDICATORS, per_teacher=3, start=date(2026, 9, 7), weeks=8
        )
    )
    return region, tuple(sorted(districts)), template


def _cube(measure, region, districts, template, release) -> Cube:
    return Cube(
        measure,
        top=f"region:{region}",
        region_id=region,
        district_ids=districts,
        school_year="2026-2027",
        weeks=True,
        template_id=template,
        breakdowns=BREAKDOWNS,
        release=release,
    )


def _release(cut: datetime) -> tuple[tuple[date, date, datetime], ...]:
    return tuple((*Bucket.parse(f"month:{m}").weeks, cut) for m in MONTHS)


def _in_months(cube_data) -> dict:
    """The cells of the released months only (a live cube also holds later weeks)."""
    weeks = {w for m in MONTHS for w in _weeks(m)}
    return {
        cell: stats
        for cell, stats in cube_data.cells.items()
        if dict(cell).get("period", "").removeprefix("week:") in weeks
        or dict(cell).get("period", "").removeprefix("month:") in MONTHS
    }


def _weeks(month: str) -> set[str]:
    first, last = Bucket.parse(f"month:{month}").weeks
    return {(first + timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)}


@pytest.mark.parametrize("measure", [WALKTHROUGHS, RATINGS])
def test_a_release_reads_what_the_live_facts_held_at_its_cut(
    store, region_network, measure
) -> None:
    region, districts, template = region_network
    cut = datetime.now(UTC)
    released = read_cube(store, _cube(measure, region, districts, template, _release(cut)))
    live = read_cube(store, _cube(measure, region, districts, template, None))
    assert _in_months(released)  # both months hold walkthroughs
    assert _in_months(released) == _in_months(live)  # counts, teachers, top contributions
    assert released.levels == {cell: live.levels[cell] for cell in released.levels}


def test_walkthroughs_after_the_cut_never_move_a_released_month(
    store, network, ingest, region_network
) -> None:
    region, districts, template = region_network
    cube = _cube(RATINGS, region, districts, template, _release(datetime.now(UTC)))
    before = read_cube(store, cube)
    school = next(iter(network.schools))
    ingest(
        [
            network.walkthrough(
                school, 0, date(2026, 9, 15), {"engagement": 4, "rigor": 4}, template_id=template
            )
            for _ in range(5)
        ]
    )
    assert read_cube(store, cube) == before


def test_a_month_written_twice_reads_once(store, region_network) -> None:
    region, districts, template = region_network
    release = _release(datetime.now(UTC))
    cube = _cube(RATINGS, region, districts, template, release)
    once = read_cube(store, cube)
    # as a second process would, not seeing the first one's line yet: every row written again
    store.command("TRUNCATE TABLE released_months")
    assert write_released(store, release) == len(MONTHS)
    assert write_released(store, release) == 0  # written: a lookup from now on
    assert read_cube(store, cube) == once
