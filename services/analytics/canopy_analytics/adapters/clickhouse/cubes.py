"""Reading a cube of cells (`domain.cubes`) from the weekly rollups in one query: ClickHouse
computes every cell with GROUPING SETS over the small rollup tables (a region release's own,
`released`); distinct teachers come from mergeable uniqExact states.

Pseudonyms rotate every school year, so a cell spanning two pseudonym years (a week across
July 1) could count one teacher twice. A cell's teachers are therefore the largest count within
one pseudonym year: a lower bound of the truth, which only ever errs towards suppressing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from itertools import product
from typing import Any

from canopy_analytics.adapters.clickhouse.released import (
    released_source,
    teacher_counts_source,
    write_released,
)
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.domain.cubes import RATINGS, WALKTHROUGHS, Cube, CubeData
from canopy_analytics.domain.periods import Bucket
from canopy_analytics.domain.privacy.model import CellId, CellStats
from canopy_analytics.domain.privacy.relations import ALL

BREAKDOWN_COLUMNS = {"subject": "subject", "grade_band": "grade_band"}
_ORG_SETS: tuple[tuple[str, ...], ...] = ((), ("district_id",), ("district_id", "school_id"))
_MONTH = "toStartOfMonth(week + 3)"  # a week belongs to the month of its Thursday


def grouping_columns(cube: Cube) -> list[str]:
    periods = ["month", "week"] if cube.weeks else ["month"]
    breakdowns = [BREAKDOWN_COLUMNS[b] for b in cube.breakdowns]
    return ["district_id", "school_id", *periods, *breakdowns]


def cube_sql(cube: Cube) -> tuple[str, dict[str, Any]]:
    """The query (and its parameters) whose rows `read_cube` turns into cells."""
    columns = grouping_columns(cube)
    fixed = ["indicator_key"] if cube.measure == RATINGS else []
    keys = ", ".join([*columns, *fixed])
    sets = ", ".join(
        "(" + ", ".join([*grouping, *fixed, "school_year"]) + ")"
        for grouping in _grouping_sets(cube)
    )
    inner = (
        f"SELECT grouping({', '.join(columns)}) AS mask, {keys}, school_year,"
        f" {_inner_measures(cube)}"
        f" FROM (SELECT *, {_MONTH} AS month FROM {released_source(cube)} WHERE {_where(cube)})"
        f" GROUP BY GROUPING SETS ({sets})"
    )
    sql = (
        f"SELECT mask, {keys}, max(n_teachers), sum(n_count), sum(n_sum), min(n_min),"
        f" max(n_max), {_LEVELS[cube.measure]} FROM ({inner}) GROUP BY mask, {keys}"
    )
    return sql, _parameters(cube)


def top_contribution_sql(cube: Cube) -> tuple[str, dict[str, Any]]:
    """The most ratings (walkthroughs) one teacher contributes to each cell of the cube, for the
    dominance rule. Read from per-teacher counts (`released.teacher_counts_source`): the
    rollups keep distinct teachers, not each one's count. A pseudonym is one teacher within one
    school year (pseudonyms rotate), so a cell spanning two pseudonym years counts a teacher's
    two halves apart."""
    columns = grouping_columns(cube)
    fixed = ["indicator_key"] if cube.measure == RATINGS else []
    keys = ", ".join([*columns, *fixed])
    sets = ", ".join(
        "(" + ", ".join([*grouping, *fixed, "school_year", "teacher"]) + ")"
        for grouping in _grouping_sets(cube)
    )
    # Teachers grouped by a 64-bit hash of the pseudonym, not the 64-character text: every
    # grouping set keeps a group per teacher and cell, and at 10M walkthroughs the text keys
    # alone cost the engine gigabytes (issue #17). Two teachers sharing a hash would only add
    # up as one, raising the top contribution: an error that can only suppress more.
    inner = (
        f"SELECT grouping({', '.join(columns)}) AS mask, {keys}, sum(n) AS n"
        f" FROM (SELECT *, {_MONTH} AS month FROM {teacher_counts_source(cube)})"
        f" WHERE {_where(cube)} GROUP BY GROUPING SETS ({sets})"
    )
    return f"SELECT mask, {keys}, max(n) FROM ({inner}) GROUP BY mask, {keys}", _parameters(cube)


# The cube and its top contributions are two queries; walkthroughs inserted between them (a
# live district read while the sink writes) can make a teacher's count exceed the cell it was
# read for. Such a torn read is read again; if it keeps tearing, the cell is taken as one
# teacher's (the dominance rule then hides it): never shown on counts that do not match.
TORN_READ_ATTEMPTS = 3


def read_cube(store: ClickHouseStore, cube: Cube) -> CubeData:
    for _ in range(TORN_READ_ATTEMPTS):
        data, tops = _read_once(store, cube)
        if all(top <= data.cells[cell].size for cell, top in tops.items()):
            break
    for cell, top in tops.items():
        # min(): a cell still torn after the last attempt counts as one teacher's alone
        data.cells[cell] = replace(
            data.cells[cell], top_contribution=min(top, data.cells[cell].size)
        )
    return data


def read_cells(store: ClickHouseStore, cube: Cube) -> CubeData:
    """The cube's cells without their top contributions: for callers the privacy rule does not
    apply to (district tiers), one query over the rollups and none over the facts."""
    data, _ = _cells(store, cube)
    return data


def _cells(store: ClickHouseStore, cube: Cube) -> tuple[CubeData, _RowParser]:
    if cube.release:
        write_released(store, cube.release)  # once per month; a lookup afterwards
    sql, parameters = cube_sql(cube)
    data = CubeData()
    parse = _RowParser(cube)
    for row in store.query_rows(sql, parameters):
        cell, stats, levels = parse(row)
        data.cells[cell] = stats
        data.levels[cell] = levels
    return data, parse


def _read_once(store: ClickHouseStore, cube: Cube) -> tuple[CubeData, dict[CellId, int]]:
    data, parse = _cells(store, cube)
    sql, parameters = top_contribution_sql(cube)
    tops: dict[CellId, int] = {}
    for row in store.query_rows(sql, parameters):
        cell = parse.cell(row)
        if cell in data.cells:
            tops[cell] = int(row[-1])
    return data, tops


def _grouping_sets(cube: Cube) -> list[tuple[str, ...]]:
    periods = ((), ("month",), ("month", "week")) if cube.weeks else ((), ("month",))
    breakdowns = [((), (BREAKDOWN_COLUMNS[b],)) for b in cube.breakdowns]
    return [
        tuple(c for part in combination for c in part)
        for combination in product(_ORG_SETS, periods, *breakdowns)
    ]


def _where(cube: Cube) -> str:
    conditions = [
        "district_id IN {districts:Array(String)}",
        "week BETWEEN {first_week:Date} AND {last_week:Date}",
    ]
    if cube.region_id is not None:
        conditions.append("region_id = {region:String}")
    if cube.template_id is not None:
        conditions.append("template_id = {template:String}")
    return " AND ".join(conditions)


def _inner_measures(cube: Cube) -> str:
    if cube.measure == RATINGS:
        return (
            "uniqExactMerge(teachers) AS n_teachers, sum(ratings) AS n_count,"
            " sum(value * ratings) AS n_sum, min(value) AS n_min, max(value) AS n_max,"
            " sumMap([value], [ratings]) AS n_levels"
        )
    return (
        "uniqExactMerge(teachers) AS n_teachers, sum(walkthroughs) AS n_count,"
        " toInt64(0) AS n_sum, toInt32(0) AS n_min, toInt32(0) AS n_max"
    )


# Each rating cell's count per level; a walkthrough cell has none, and the driver parses
# arrays in Python (a region cube: ~10^5 rows), so its rows carry a constant instead.
_LEVELS = {RATINGS: "sumMap(n_levels.1, n_levels.2)", WALKTHROUGHS: "toUInt8(0)"}


def _parameters(cube: Cube) -> dict[str, Any]:
    first_week, last_week = Bucket("school_year", cube.school_year).weeks
    parameters: dict[str, Any] = {
        "districts": list(cube.district_ids),
        "first_week": first_week,
        "last_week": last_week,
        "region": cube.region_id or "",
        "template": cube.template_id or "",
    }
    for i, (first, last, cut) in enumerate(cube.release or ()):
        parameters |= {
            f"release_first_{i}": first,
            f"release_last_{i}": last,
            f"release_cut_{i}": cut,
        }
    return parameters


class _RowParser:
    """Turns result rows into cells. A cube has up to ~10^5 rows, so the work that depends only
    on a row's grouping mask or on a period value is done once per mask or value."""

    def __init__(self, cube: Cube) -> None:
        self.cube = cube
        self.columns = grouping_columns(cube)
        self.masks: dict[int, tuple[str, ...]] = {}
        self.labels: dict[tuple[str, object], str] = {}
        # A cube's cells share a few hundred (dimension, value) pairs: each is kept once, not
        # once per cell (at 10M walkthroughs a release holds about a million cells, #17).
        self.pairs: dict[tuple[str, str], tuple[str, str]] = {}

    def __call__(self, row: tuple[Any, ...]) -> tuple[CellId, CellStats, dict[int, int]]:
        teachers, count, total, low, high, counted = row[-6:]
        levels = {}
        if self.cube.measure == RATINGS:
            level_values, level_counts = counted
            levels = {int(v): int(n) for v, n in zip(level_values, level_counts, strict=True) if n}
        stats = _stats(self.cube, teachers, count, total, low, high)
        return self.cell(row), stats, levels

    def cell(self, row: tuple[Any, ...]) -> CellId:
        """The cell a row (mask, grouping columns, [indicator], measures...) is about."""
        cube, columns = self.cube, self.columns
        mask, *values = row
        named = dict(zip([*columns, "indicator_key"], values, strict=False))
        grouped = self.masks.get(mask)
        if grouped is None:
            # Standard GROUPING: a bit is 0 for a column the row is grouped by.
            n = len(columns)
            grouped = tuple(c for i, c in enumerate(columns) if not mask & (1 << (n - 1 - i)))
            self.masks[mask] = grouped
        dimensions = {
            "org": _org(cube, grouped, named),
            "period": self._period(grouped, named),
            "indicator": named.get("indicator_key") if cube.measure == RATINGS else None,
            "template": cube.template_id,
            **{b: str(named[c]) for b, c in BREAKDOWN_COLUMNS.items() if c in grouped},
        }
        # `dimensions` is built in `DIMENSIONS` order, so this is `cell_id(**dimensions)`
        # without its sort.
        pairs = self.pairs
        return tuple(
            pairs.setdefault((d, v), (d, v))
            for d, v in dimensions.items()
            if v is not None and v != ALL
        )

    def _period(self, grouped: tuple[str, ...], named: Mapping[str, Any]) -> str:
        kind = "week" if "week" in grouped else "month" if "month" in grouped else ""
        if not kind:
            return f"school_year:{self.cube.school_year}"
        key = (kind, named[kind])
        label = self.labels.get(key)
        if label is None:
            label = _period(self.cube, set(grouped), named)
            self.labels[key] = label
        return label


def _stats(cube: Cube, teachers: int, count: int, total: int, low: int, high: int) -> CellStats:
    if cube.measure == WALKTHROUGHS:
        return CellStats(teachers=int(teachers), walkthroughs=int(count))
    return CellStats(
        teachers=int(teachers),
        walkthroughs=int(count),
        ratings=int(count),
        rating_sum=int(total),
        min_value=int(low),
        max_value=int(high),
    )


def _org(cube: Cube, grouped: Collection[str], named: Mapping[str, Any]) -> str:
    if "school_id" in grouped:
        return f"school:{named['school_id']}"
    if "district_id" in grouped:
        return f"district:{named['district_id']}"
    return cube.top


def _period(cube: Cube, grouped: set[str], named: Mapping[str, Any]) -> str:
    if "week" in grouped:
        return f"week:{named['week'].isoformat()}"
    if "month" in grouped:
        return f"month:{named['month'].strftime('%Y-%m')}"
    return f"school_year:{cube.school_year}"
