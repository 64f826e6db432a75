"""A cube query's rows become the cells `cell_id` names (the row parser plans each grouping
mask once, issue #17), and a district's own cube skips the whole-scope grouping set, which
would only repeat its district's cells."""

from __future__ import annotations

from datetime import date

import pytest

from canopy_analytics.adapters.clickhouse.cubes import (
    _grouping_sets,
    _RowParser,
    grouping_columns,
)
from canopy_analytics.domain.cubes import BREAKDOWNS, RATINGS, WALKTHROUGHS, Cube, Measure
from canopy_analytics.domain.privacy.relations import ALL, cell_id

YEAR = "2026-2027"
# What the engine puts in a column a row is not grouped by: the type's default.
DEFAULTS = {"district_id": "", "school_id": "", "month": date(1970, 1, 1), "week": date(1970, 1, 1)}
VALUES = {
    "district_id": "d1",
    "school_id": "s1",
    "month": date(2026, 9, 1),
    "week": date(2026, 9, 7),
    "subject": "math",
    "grade_band": "6-8",
}


def _cube(measure: Measure, *, region: bool) -> Cube:
    return Cube(
        measure=measure,
        top="region:r1" if region else "district:d1",
        region_id="r1" if region else None,
        district_ids=("d1", "d2") if region else ("d1",),
        school_year=YEAR,
        weeks=True,
        template_id="t1" if measure == RATINGS else None,
        breakdowns=BREAKDOWNS,
    )


def _row(cube: Cube, grouped: tuple[str, ...]) -> tuple[object, ...]:
    """The row ClickHouse returns for one grouping set: the mask (a bit set per column NOT
    grouped by), the grouping columns, the indicator, then six measures."""
    columns = grouping_columns(cube)
    mask = sum(1 << (len(columns) - 1 - i) for i, c in enumerate(columns) if c not in grouped)
    values = [VALUES[c] if c in grouped else DEFAULTS.get(c, "") for c in columns]
    indicator = ["engagement"] if cube.measure == RATINGS else []
    return (mask, *values, *indicator, 3, 10, 30, 1, 4, ([1, 4], [5, 5]))


def _expected(cube: Cube, grouped: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    org = (
        "school:s1"
        if "school_id" in grouped
        else "district:d1"
        if "district_id" in grouped
        else cube.top
    )
    period = (
        "week:2026-09-07"
        if "week" in grouped
        else "month:2026-09"
        if "month" in grouped
        else f"school_year:{YEAR}"
    )
    return cell_id(
        org=org,
        period=period,
        indicator="engagement" if cube.measure == RATINGS else None,
        template=cube.template_id,
        subject="math" if "subject" in grouped else None,
        grade_band="6-8" if "grade_band" in grouped else None,
    )


@pytest.mark.parametrize("measure", [RATINGS, WALKTHROUGHS])
@pytest.mark.parametrize("region", [True, False])
def test_every_grouping_sets_rows_are_the_cells_it_names(measure: Measure, region: bool) -> None:
    cube = _cube(measure, region=region)
    parse = _RowParser(cube)
    sets = _grouping_sets(cube)
    for grouped in sets * 2:  # the second round reads every plan and pair made in the first
        cell, stats, levels = parse(_row(cube, grouped))
        assert cell == _expected(cube, grouped)
        assert stats.teachers == 3 and stats.walkthroughs == 10
        assert levels == ({1: 5, 4: 5} if measure == RATINGS else {})


def test_a_breakdown_value_of_all_is_left_out_of_the_cell() -> None:
    cube = _cube(RATINGS, region=False)
    row = list(_row(cube, ("district_id", "subject")))
    row[1 + grouping_columns(cube).index("subject")] = ALL
    cell, _, _ = _RowParser(cube)(tuple(row))
    assert ("subject", ALL) not in cell and ("org", "district:d1") in cell


def test_a_district_cube_has_no_whole_scope_set_and_a_region_cube_has() -> None:
    district = _grouping_sets(_cube(RATINGS, region=False))
    region = _grouping_sets(_cube(RATINGS, region=True))
    assert all(g[:1] == ("district_id",) for g in district)
    assert any(g[:1] != ("district_id",) for g in region)
    # both still hold every district and school cell
    assert len(_grouping_sets(_cube(RATINGS, region=True))) == 3 * 3 * 4
    assert len(_grouping_sets(_cube(RATINGS, region=False))) == 2 * 3 * 4
