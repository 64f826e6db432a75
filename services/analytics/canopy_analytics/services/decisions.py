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

A cube is decided once per scope and data version and kept in the process's memo, so a
dashboard's calls cost one ClickHouse query on the rollups each, and suppression runs only when
the data changed. Step 2 (cube query, `adapters.clickhouse.cubes`) and step 3 (privacy decision,
`domain.privacy`) of the read path (`services.reading`).
"""

from __future__ import annotations

from canopy_analytics.adapters.clickhouse.cubes import read_cube
from canopy_analytics.adapters.clickhouse.data_version import DataVersion
from canopy_analytics.adapters.clickhouse.dimensions import DimensionReader
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.cubes import (
    BREAKDOWNS,
    RATINGS,
    WALKTHROUGHS,
    Cube,
    CubeData,
    CubeKey,
    DecidedCube,
    Measure,
)
from canopy_analytics.domain.privacy.cell_rules import unsafe_reasons
from canopy_analytics.domain.privacy.model import CellId, CellStats, Decision, PrivacyRule
from canopy_analytics.domain.privacy.relations import (
    Hierarchy,
    cell_id,
    cube_hierarchies,
    relations_for,
)
from canopy_analytics.domain.privacy.suppression import suppress
from canopy_analytics.domain.scope import Scope


class CubeDecider:
    """Reads and decides the cubes one scope's answers are read from."""

    def __init__(
        self,
        store: ClickHouseStore,
        rule: PrivacyRule,
        scope: Scope,
        memo: LruMemo,
        version: DataVersion,
    ) -> None:
        self._store = store
        self.rule = rule
        self._scope = scope
        self._memo = memo
        self._version = version.of_districts(scope.district_ids)

    def decided(self, key: CubeKey) -> DecidedCube:
        return self._memo.remember((self._scope, key, self._version), lambda: self._decide(key))

    def _decide(self, key: CubeKey) -> DecidedCube:
        data = read_cube(self._store, self._cube(key, key.measure))
        if not self._scope.suppressed:
            return DecidedCube(data, {})
        cells = data.cells if key.measure == WALKTHROUGHS else self._joint_cells(key, data)
        fixed = self._fixed(key, cells)
        relations = relations_for(cells, self._hierarchies(cells))
        return DecidedCube(data, suppress(cells, relations, self.rule, fixed))

    def _hierarchies(self, cells: dict[CellId, CellStats]) -> list[Hierarchy]:
        """Schools into the district their walkthroughs were filed under, districts into the
        region; periods and breakdowns as the cells hold them."""
        scope = self._scope
        return cube_hierarchies(
            cells,
            school_district=DimensionReader(self._store).school_districts(scope.district_ids),
            district_region=dict.fromkeys(scope.district_ids, scope.org_id),
            breakdowns=BREAKDOWNS,
        )

    def _cube(self, key: CubeKey, measure: Measure) -> Cube:
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
            if unsafe_reasons(stats, self.rule)
        }
        return {cell: _joint(stats, cell in unsafe) for cell, stats in walkthroughs.items()}

    def _fixed(self, key: CubeKey, cells: dict[CellId, CellStats]) -> dict[CellId, Decision]:
        fixed: dict[CellId, Decision] = {}
        for parent in key.parents():
            fixed.update(self.decided(parent).decisions)
        if key.measure == RATINGS and not key.breakdowns:
            root = self.decided(CubeKey(WALKTHROUGHS, key.school_year, key.weeks)).decisions
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
        top_contribution=stats.top_contribution,  # so a dominated cell says so
    )


def _without_indicator(cell: CellId) -> CellId:
    return cell_id(**{d: v for d, v in cell if d != "indicator"})


def _without_template(cell: CellId) -> CellId:
    return cell_id(**{d: v for d, v in cell if d != "template"})
