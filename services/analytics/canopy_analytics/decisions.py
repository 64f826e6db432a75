"""Which cells a region may see: cubes decided by the privacy rule, coarse to fine.

Every answer is a selection of cells from a *decided cube*, so two answers never disagree about
a cell and no combination of answers recovers a hidden one. Cubes form a lattice:

- the walkthrough cube (all templates; school years and months) is the root, and decides the
  walkthrough counts every other cube also shows;
- a template's rating cube is decided jointly for all its indicators (they share n), with every
  cell hidden in the walkthrough cube hidden too;
- a finer cube (weeks, or one more breakdown such as subject) keeps every decision its coarser
  cubes took (`suppress(..., fixed=...)`) and only decides its new cells. An attacker combining
  two refinements learns nothing more: their only shared cells are the coarse ones, decided
  once, and each refinement was checked with all of them.

A cube is decided once per scope and data version and kept in a small in-process cache, so a
dashboard's calls cost one ClickHouse query on the rollups each, and suppression runs only when
the data changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from canopy_analytics.clickhouse import ClickHouseStore
from canopy_analytics.cube import RATINGS, WALKTHROUGHS, Cube, CubeData, read_cube
from canopy_analytics.privacy import CellId, CellStats, Decision, PrivacyRule, suppress
from canopy_analytics.privacy.cell_rules import unsafe_reasons
from canopy_analytics.privacy.relations import cell_id, relations_for
from canopy_analytics.relations_of_cube import cube_hierarchies
from canopy_analytics.scope import Scope

PUBLISHED = Decision(published=True)


@dataclass(frozen=True)
class CubeKey:
    measure: str  # RATINGS (one template) | WALKTHROUGHS (all templates)
    school_year: str
    weeks: bool = False
    template_id: str | None = None
    breakdowns: frozenset[str] = frozenset()

    def parents(self) -> list[CubeKey]:
        coarser = [replace(self, breakdowns=self.breakdowns - {b}) for b in sorted(self.breakdowns)]
        if self.weeks:
            coarser.append(replace(self, weeks=False))
        return coarser


@dataclass(frozen=True)
class DecidedCube:
    data: CubeData  # per indicator for RATINGS
    decisions: dict[CellId, Decision]  # per cell (without indicator)

    def decision(self, cell: CellId) -> Decision:
        """The decision for a cell; an indicator's cell shares its template cell's."""
        joint = tuple(pair for pair in cell if pair[0] != "indicator")
        return self.decisions.get(joint, PUBLISHED)


class CubeCache:
    """Decided cubes by (scope, cube, data version); the oldest are dropped past `size`."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[Any, DecidedCube] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> DecidedCube | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: Any, cube: Any) -> None:
        with self._lock:
            self._items[key] = cube
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def remember(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The value kept under `key`, computed (outside the lock) when missing."""
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value


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


@dataclass(frozen=True)
class DataVersion:
    """What the store holds, cheaply fingerprinted: walkthroughs per district (count and last
    write) and a hash of the dimension tables."""

    facts: tuple[tuple[str, int, Any], ...]  # (district, walkthrough rows, last ingested)
    dimensions: tuple[Any, ...]  # None for an empty table

    def of_districts(self, districts: tuple[str, ...]) -> tuple:
        """The part a scope's cubes depend on: its districts' facts. Another region's (or
        district's) flush leaves it unchanged, so its decided cubes stay valid."""
        wanted = set(districts)
        return tuple(entry for entry in self.facts if entry[0] in wanted)


def data_version(store: ClickHouseStore) -> DataVersion:
    """Changes whenever a walkthrough, a connection, a name, a roster count or a template is
    written: the freshness part of every cache key (cubes, and the lookups an answer makes).
    The sink writes rating facts before observation facts, so a district's observation rows
    move only once both are in."""
    hashes = ", ".join(f"(SELECT sum(cityHash64(*)) FROM {table})" for table in _DIMENSIONS)
    facts, *dimensions = store.query_rows(
        "SELECT (SELECT groupArray((district_id, n, last)) FROM (SELECT district_id,"
        " count() AS n, max(ingested_at) AS last FROM observation_facts"
        f" GROUP BY district_id ORDER BY district_id)), {hashes}"
    )[0]
    return DataVersion(tuple((str(d), int(n), last) for d, n, last in facts), tuple(dimensions))


class Decider:
    """Decides the cubes one scope's answers are read from."""

    def __init__(
        self,
        store: ClickHouseStore,
        rule: PrivacyRule,
        scope: Scope,
        cache: CubeCache,
        version: DataVersion | None = None,
    ) -> None:
        self._store = store
        self._rule = rule
        self._scope = scope
        self._cache = cache
        version = data_version(store) if version is None else version
        self._version = version.of_districts(scope.district_ids)

    def cube(self, key: CubeKey) -> DecidedCube:
        cache_key = (self._scope, key, self._version)
        decided = self._cache.get(cache_key)
        if decided is None:
            decided = self._decide(key)
            self._cache.put(cache_key, decided)
        return decided

    def _decide(self, key: CubeKey) -> DecidedCube:
        data = read_cube(self._store, self._cube(key, key.measure))
        if not self._scope.suppressed:
            return DecidedCube(data, {})
        cells = data.cells if key.measure == WALKTHROUGHS else self._joint_cells(key, data)
        fixed = self._fixed(key, cells)
        relations = relations_for(cells, cube_hierarchies(self._store, self._scope, cells))
        return DecidedCube(data, suppress(cells, relations, self._rule, fixed))

    def _cube(self, key: CubeKey, measure: str) -> Cube:
        return Cube(
            measure=measure,
            top=self._scope.org_label,
            region_id=self._scope.region_id,
            district_ids=self._scope.district_ids,
            school_year=key.school_year,
            weeks=key.weeks,
            template_id=key.template_id,
            breakdowns=tuple(sorted(key.breakdowns)),
        )

    def _joint_cells(self, key: CubeKey, data: CubeData) -> dict[CellId, CellStats]:
        """One cell per template cell: its walkthroughs and teachers, marked unsafe (as if
        uniform) when any indicator's own cell is thin or uniform there, so the joint decision
        protects every indicator."""
        walkthroughs = read_cube(self._store, self._cube(key, WALKTHROUGHS)).cells
        unsafe = {
            _without_indicator(cell)
            for cell, stats in data.cells.items()
            if unsafe_reasons(stats, self._rule)
        }
        return {cell: _joint(stats, cell in unsafe) for cell, stats in walkthroughs.items()}

    def _fixed(self, key: CubeKey, cells: dict[CellId, CellStats]) -> dict[CellId, Decision]:
        fixed: dict[CellId, Decision] = {}
        for parent in key.parents():
            fixed.update(self.cube(parent).decisions)
        if key.measure == RATINGS and not key.breakdowns:
            root = self.cube(CubeKey(WALKTHROUGHS, key.school_year, key.weeks)).decisions
            for cell in cells:
                decision = root.get(_without_template(cell))
                if cell not in fixed and decision is not None and not decision.published:
                    fixed[cell] = decision
        return {cell: d for cell, d in fixed.items() if cell in cells}


def _joint(stats: CellStats, unsafe: bool) -> CellStats:
    # Ratings stand in for walkthroughs so "uniform" (min == max) can carry the indicators' flag.
    return CellStats(
        teachers=stats.teachers,
        walkthroughs=stats.walkthroughs,
        ratings=stats.walkthroughs,
        min_value=0 if stats.walkthroughs else None,
        max_value=(0 if unsafe else 1) if stats.walkthroughs else None,
    )


def _without_indicator(cell: CellId) -> CellId:
    return cell_id(**{d: v for d, v in cell if d != "indicator"})


def _without_template(cell: CellId) -> CellId:
    return cell_id(**{d: v for d, v in cell if d != "template"})
