"""Naming cells and building the relations between them.

A cell id is a tuple of (dimension, value) pairs in the order of `DIMENSIONS` (unknown
dimensions after them, by name). A dimension at its "all" value is left out of the id: the
all-subjects cell of a school and week has no "subject" pair. Always build ids with `cell_id`
so the same cell gets the same id in every query.

Dimensions and their values:

- ``org``: ``region:<id>``, ``district:<id>``, ``school:<id>`` (tree: `org_hierarchy`);
- ``period``: ``week:<monday YYYY-MM-DD>``, ``month:<YYYY-MM>``, ``school_year:<YYYY-YYYY>``
  (tree: `period_hierarchy`, by `domain.periods`: a week belongs to the month of its Thursday,
  a month to its school year);
- ``subject``, ``grade_band``, ``template`` and ``level`` (a rating value, for distributions):
  breakdowns whose values partition the rows, each summing to the cell without that dimension
  (`breakdown`);
- ``indicator``: a slice, never summed (one walkthrough rates several indicators), so it has no
  relation; it only keeps cells of different indicators apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from canopy_analytics.domain.periods import Bucket
from canopy_analytics.domain.privacy.model import CellId, Relation

DIMENSIONS = ("org", "period", "indicator", "template", "subject", "grade_band", "level")
ALL = "*"  # the "all" value of a breakdown; `cell_id` drops it


def cell_id(**dimensions: str | None) -> CellId:
    """The canonical id of a cell, e.g. ``cell_id(org="school:s1", period="month:2026-09",
    indicator="engagement", subject=None)``. None and `ALL` mean "all values": left out."""
    kept = [(d, v) for d, v in dimensions.items() if v is not None and v != ALL]
    return tuple(sorted(kept, key=_dimension_order))


_POSITION = {name: i for i, name in enumerate(DIMENSIONS)}


def _dimension_order(pair: tuple[str, str]) -> tuple[int, str]:
    name = pair[0]
    return (_POSITION.get(name, len(DIMENSIONS)), name)


@dataclass(frozen=True)
class Hierarchy:
    """How the values of one dimension sum up: `parent_of[value]` is the value it adds into, or
    None when it adds into the cell without this dimension (a breakdown's "all")."""

    dimension: str
    parent_of: Mapping[str, str | None]


def org_hierarchy(
    *, school_district: Mapping[str, str], district_region: Mapping[str, str]
) -> Hierarchy:
    """Schools add into their district, districts into their region (ids without prefixes)."""
    parent_of: dict[str, str | None] = {
        f"school:{s}": f"district:{d}" for s, d in school_district.items()
    }
    parent_of.update({f"district:{d}": f"region:{r}" for d, r in district_region.items()})
    return Hierarchy("org", parent_of)


def period_hierarchy(periods: Iterable[str]) -> Hierarchy:
    """week -> month -> school year for the given period values (weeks, months; a school year
    adds into nothing)."""
    parent_of: dict[str, str | None] = {}
    for period in periods:
        bucket: Bucket | None = Bucket.parse(period)
        while bucket is not None and (parent := bucket.parent) is not None:
            parent_of[bucket.label] = parent.label
            bucket = parent
    return Hierarchy("period", parent_of)


def breakdown(dimension: str, values: Iterable[str]) -> Hierarchy:
    """A dimension whose values partition the rows: every row carries exactly one of them (give
    rows without one an explicit value such as "unspecified"), so the values sum to "all"."""
    return Hierarchy(dimension, {value: None for value in values})


def cube_hierarchies(
    cells: Iterable[CellId],
    *,
    school_district: Mapping[str, str],
    district_region: Mapping[str, str],
    breakdowns: Iterable[str],
) -> list[Hierarchy]:
    """How the cells of one cube add up: schools into districts into the region
    (`org_hierarchy`), weeks into months into the school year (`period_hierarchy`), each
    breakdown's values into "all" (`breakdown`). What the region API decides its cubes with."""
    cells = list(cells)
    periods = {dict(cell)["period"] for cell in cells}
    hierarchies = [
        org_hierarchy(school_district=school_district, district_region=district_region),
        period_hierarchy(sorted(periods)),
    ]
    for dimension in breakdowns:
        values = {dict(cell)[dimension] for cell in cells if dimension in dict(cell)}
        if values:
            hierarchies.append(breakdown(dimension, sorted(values)))
    return hierarchies


def relations_for(cells: Iterable[CellId], hierarchies: Iterable[Hierarchy]) -> list[Relation]:
    """Every relation `parent = sum(children)` among `cells` along the given hierarchies, one per
    (parent, dimension). A child is a present cell whose value in that dimension adds into the
    parent's; a child absent from `cells` is taken to be empty, so pass every cell with data
    (`suppress` refuses sums that do not add up)."""
    present = set(cells)
    grouped: defaultdict[tuple[CellId, str], list[CellId]] = defaultdict(list)
    for hierarchy in hierarchies:
        for cell in present:
            parent = _parent(cell, hierarchy)
            if parent is not None and parent in present:
                grouped[parent, hierarchy.dimension].append(cell)
    return [
        Relation(parent=parent, children=tuple(sorted(children)))
        for (parent, _), children in sorted(grouped.items())
    ]


def _parent(cell: CellId, hierarchy: Hierarchy) -> CellId | None:
    # `cell` is canonical and only one pair's value changes (or the pair goes), so the parent
    # is canonical as it stands: no sort (this runs cells x hierarchies times per decision).
    for position, (dimension, value) in enumerate(cell):
        if dimension != hierarchy.dimension:
            continue
        if value not in hierarchy.parent_of:
            return None
        parent = hierarchy.parent_of[value]
        rest = cell[position + 1 :]
        return cell[:position] + (((dimension, parent),) if parent is not None else ()) + rest
    return None
