"""How the cells of a decided cube add up: schools into districts into the scope's top, weeks
into months into the school year, breakdown values into "all"."""

from __future__ import annotations

from collections.abc import Iterable

from canopy_analytics.clickhouse import ClickHouseStore
from canopy_analytics.cube import BREAKDOWN_COLUMNS
from canopy_analytics.privacy.model import CellId
from canopy_analytics.privacy.periods import month_of_week, school_year_of_month
from canopy_analytics.privacy.relations import Hierarchy, breakdown
from canopy_analytics.scope import Scope


def cube_hierarchies(
    store: ClickHouseStore, scope: Scope, cells: Iterable[CellId]
) -> list[Hierarchy]:
    cells = list(cells)
    hierarchies = [org_tree(store, scope), period_tree(cells)]
    for dimension in BREAKDOWN_COLUMNS:
        values = {dict(cell)[dimension] for cell in cells if dimension in dict(cell)}
        if values:
            hierarchies.append(breakdown(dimension, sorted(values)))
    return hierarchies


def org_tree(store: ClickHouseStore, scope: Scope) -> Hierarchy:
    """Schools into the district their walkthroughs were filed under, districts into the top."""
    rows = store.query_rows(
        "SELECT DISTINCT school_id, district_id FROM observation_weekly"
        " WHERE district_id IN {districts:Array(String)}",
        {"districts": list(scope.district_ids)},
    )
    parent_of: dict[str, str | None] = {f"school:{s}": f"district:{d}" for s, d in rows}
    if scope.suppressed:  # a district's own scope has its district as the top
        parent_of.update({f"district:{d}": scope.org_label for d in scope.district_ids})
    return Hierarchy("org", parent_of)


def period_tree(cells: Iterable[CellId]) -> Hierarchy:
    parent_of: dict[str, str | None] = {}
    for cell in cells:
        period = dict(cell)["period"]
        if period.startswith("week:"):
            parent_of[period] = month_of_week(period)
        elif period.startswith("month:"):
            parent_of[period] = school_year_of_month(period)
    return Hierarchy("period", parent_of)
