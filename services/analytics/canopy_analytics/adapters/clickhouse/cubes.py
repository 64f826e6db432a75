"""Reading a cube of cells (`domain.cubes`) from the weekly rollups in one query: ClickHouse
computes every cell with GROUPING SETS over the small rollup tables (a region release's own,
`released`); distinct teachers come from mergeable uniqExact states.

Pseudonyms rotate every school year, so a cell spanning two pseudonym years (a week across
July 1) could count one teacher twice. A cell's teachers are therefore the largest count within
one pseudonym year: a lower bound of the truth, which only ever errs towards suppressing.
"""

from __future__ import annotations

from collections.abc import Callable
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
    # First each finest cell's rollup rows are merged (a rating rollup keeps a row per level
    # and per part not yet merged), then every grouping set aggregates those cells: the engine
    # aggregates its input once per set, so the sets read ~5x fewer rows and teacher states
    # (issue #17: the finest district cube at 10M walkthroughs, 1.2-1.4 -> 0.7-0.9 s).
    finest = (
        f"SELECT {keys}, school_year, {_CELL_MEASURES[cube.measure]}"
        f" FROM (SELECT *, {_MONTH} AS month FROM {released_source(cube)} WHERE {_where(cube)})"
        f" GROUP BY {keys}, school_year"
    )
    inner = (
        f"SELECT grouping({', '.join(columns)}) AS mask, {keys}, school_year,"
        f" {_SET_MEASURES[cube.measure]} FROM ({finest}) GROUP BY GROUPING SETS ({sets})"
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
        for combination in product(_org_sets(cube), periods, *breakdowns)
    ]


def _org_sets(cube: Cube) -> tuple[tuple[str, ...], ...]:
    """A district's own cube has no whole-scope set: its top is its one district, which the
    district set already yields as the same cells. The engine aggregates every input row once
    per grouping set, so leaving out a third of the sets cut the engine time of a district's
    finest cube at 10M walkthroughs by 15-25 % (issue #17)."""
    if cube.region_id is None and [cube.top] == [f"district:{d}" for d in cube.district_ids]:
        return _ORG_SETS[1:]
    return _ORG_SETS


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


# What each finest cell carries (its teachers as a mergeable state), and what a grouping set
# makes of the cells it groups.
_CELL_MEASURES = {
    RATINGS: "uniqExactMergeState(teachers) AS cell_teachers, sum(ratings) AS cell_count,"
    " sum(value * ratings) AS cell_sum, min(value) AS cell_min, max(value) AS cell_max,"
    " sumMap([value], [ratings]) AS cell_levels",
    WALKTHROUGHS: "uniqExactMergeState(teachers) AS cell_teachers, sum(walkthroughs) AS cell_count",
}
_SET_MEASURES = {
    RATINGS: "uniqExactMerge(cell_teachers) AS n_teachers, sum(cell_count) AS n_count,"
    " sum(cell_sum) AS n_sum, min(cell_min) AS n_min, max(cell_max) AS n_max,"
    " sumMap(cell_levels.1, cell_levels.2) AS n_levels",
    WALKTHROUGHS: "uniqExactMerge(cell_teachers) AS n_teachers, sum(cell_count) AS n_count,"
    " toInt64(0) AS n_sum, toInt32(0) AS n_min, toInt32(0) AS n_max",
}


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


CellPair = tuple[str, str]
# (the row's column index, None for a constant of the cube; pairs made so far; the pair of a value)
_Source = tuple[int | None, dict[Any, CellPair | None], Callable[[Any], CellPair | None]]
_ORG_LABELS: dict[str | None, Callable[[Any], str]] = {
    "school_id": lambda v: f"school:{v}",
    "district_id": lambda v: f"district:{v}",
}
_PERIOD_LABELS: dict[str | None, Callable[[Any], str]] = {
    "week": lambda v: f"week:{v.isoformat()}",
    "month": lambda v: f"month:{v.strftime('%Y-%m')}",
}


class _RowParser:
    """Turns result rows into cells. At 10M walkthroughs a district's finest cube has ~43,000
    rows and a region's ~350,000, so what depends only on a row's grouping mask is planned once
    per mask, and each (dimension, value) pair is made once per value (issue #17: in
    about half the time per row it took when every row built its dimensions afresh)."""

    def __init__(self, cube: Cube) -> None:
        self.cube = cube
        self.columns = grouping_columns(cube)
        self.plans: dict[int, tuple[_Source, ...]] = {}
        # Pairs made so far per (dimension, column): every row with that value shares one.
        self.made: dict[tuple[str, str | None], dict[Any, CellPair | None]] = {}
        # A cube's cells share a few hundred (dimension, value) pairs: each is kept once, not
        # once per cell (at 10M walkthroughs a release holds about a million cells, #17).
        self.pairs: dict[CellPair, CellPair] = {}

    def __call__(self, row: tuple[Any, ...]) -> tuple[CellId, CellStats, dict[int, int]]:
        teachers, count, total, low, high, counted = row[-6:]
        levels = {}
        if self.cube.measure == RATINGS:
            level_values, level_counts = counted
            levels = {int(v): int(n) for v, n in zip(level_values, level_counts, strict=True) if n}
        stats = _stats(self.cube, teachers, count, total, low, high)
        return self.cell(row), stats, levels

    def cell(self, row: tuple[Any, ...]) -> CellId:
        """The cell a row (mask, grouping columns, [indicator], measures...) is about: its
        pairs in `DIMENSIONS` order, as `cell_id` makes them, "all" values left out."""
        plan = self.plans.get(row[0])
        if plan is None:
            plan = self.plans[row[0]] = self._plan(row[0])
        cell = []
        for index, made, pair_of in plan:
            value = None if index is None else row[index]
            try:
                pair = made[value]
            except KeyError:  # once per value
                pair = made[value] = pair_of(value)
            if pair is not None:
                cell.append(pair)
        return tuple(cell)

    def _plan(self, mask: int) -> tuple[_Source, ...]:
        """Where each dimension of a row with this grouping mask comes from. Standard GROUPING:
        a bit is 0 for a column the row is grouped by."""
        cube, columns = self.cube, self.columns
        n = len(columns)
        grouped = {c for i, c in enumerate(columns) if not mask & (1 << (n - 1 - i))}
        org = next((c for c in ("school_id", "district_id") if c in grouped), None)
        period = next((c for c in ("week", "month") if c in grouped), None)
        plan = [
            self._source("org", org, _ORG_LABELS.get(org, lambda _: cube.top)),
            self._source(
                "period",
                period,
                _PERIOD_LABELS.get(period, lambda _: f"school_year:{cube.school_year}"),
            ),
        ]
        if cube.measure == RATINGS:  # the indicator's column follows the grouping columns
            plan.append(self._source("indicator", "indicator_key", lambda v: v, index=n + 1))
        if cube.template_id is not None:
            plan.append(self._source("template", None, lambda _: cube.template_id))
        plan += [self._source(b, c, str) for b, c in BREAKDOWN_COLUMNS.items() if c in grouped]
        return tuple(plan)

    def _source(
        self,
        dimension: str,
        column: str | None,
        label: Callable[[Any], str | None],
        index: int | None = None,
    ) -> _Source:
        if index is None and column is not None:
            index = 1 + self.columns.index(column)  # after the mask

        def pair_of(value: Any) -> CellPair | None:
            text = label(value)
            if text is None or text == ALL:
                return None
            pair = (dimension, text)
            return self.pairs.setdefault(pair, pair)

        return index, self.made.setdefault((dimension, column), {}), pair_of


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
