"""Which cells a region may see: cubes decided by the privacy rule, one release at a time.

Every answer is a selection of cells from a *decided cube*, so two answers never disagree about
a cell and no combination of answers recovers a hidden one:

- a region reads releases, never the live facts (`domain.releases`): each release of a cube is
  decided with every earlier release's decisions fixed and its earlier school-year values kept
  as cells of their own (`domain.privacy.over_time`), so no sequence of answers over time
  reveals more than one answer;
- within a release, every cube a region may ask for (months or weeks, any breakdowns) is a
  projection of ONE decided cube, the finest (weeks x every breakdown): deciding coarser or
  sibling cubes apart let an attacker combine their answers through the cells they share with
  the finest one (tests/analytics/domain/privacy/test_lattice.py);
- the templates are decided together, in the all-templates walkthrough cube: each template's
  cells sit under the all-templates ones as a breakdown (a walkthrough follows one template),
  so no template's hidden count is the published total minus the other templates' counts
  (tests/analytics/api/test_cross_template.py); a template's cell is decided jointly for all
  its look-fors (they share n), and its rating cube is a slice of that decision.

A decided release is kept in the process's memo under the release's months: a cut release never
changes. District callers read live, exact figures (no suppression, no releases). Step 2 (cube
query, `adapters.clickhouse.cubes`) and step 3 (privacy decision, `domain.privacy`) of the read
path (`services.reading`).
"""

from __future__ import annotations

from dataclasses import replace

from canopy_analytics.adapters.clickhouse.cubes import read_cells, read_cube
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
    project,
)
from canopy_analytics.domain.privacy.cell_rules import unsafe_reasons
from canopy_analytics.domain.privacy.model import CellId, CellStats, PrivacyRule
from canopy_analytics.domain.privacy.over_time import Earlier, Released, decide_release
from canopy_analytics.domain.privacy.relations import (
    Hierarchy,
    cell_id,
    cube_hierarchies,
    relations_for,
)
from canopy_analytics.domain.releases import NOTHING_CUT, RegionReleases, YearRelease
from canopy_analytics.domain.scope import Scope


class CubeDecider:
    """Reads and decides the cubes one scope's answers are read from. `releases`: the cuts
    recorded so far (region scopes read only what they released; none: nothing released)."""

    def __init__(
        self,
        store: ClickHouseStore,
        rule: PrivacyRule,
        scope: Scope,
        memo: LruMemo,
        version: DataVersion,
        releases: RegionReleases | None = None,
    ) -> None:
        self._store = store
        self.rule = rule
        self._scope = scope
        self._memo = memo
        self._version = version.of_districts(scope.district_ids)
        self.releases = releases

    def decided(self, key: CubeKey) -> DecidedCube:
        if not self._scope.suppressed:
            return self._memo.remember(
                (self._scope, key, self._version),
                # no privacy decision, so no top contributions (a scan of the facts)
                lambda: DecidedCube(read_cells(self._store, self._cube(key, key.measure)), {}),
            )
        year = self.year(key.school_year)
        return self._memo.remember(
            ("release", self._scope, key, year.months), lambda: self._projected(key, year)
        )

    def year(self, school_year: str) -> YearRelease:
        """What region users see of a school year (nothing before any cut)."""
        return (self.releases or NOTHING_CUT).year(school_year)

    def _projected(self, key: CubeKey, year: YearRelease) -> DecidedCube:
        finest = self._released(key.finest(), year)
        return DecidedCube(project(finest.data, key), finest.decisions)

    def _released(self, key: CubeKey, year: YearRelease) -> Released:
        return self._memo.remember(
            ("decided release", self._scope, key, year.months), lambda: self._decide(key, year)
        )

    def _decide(self, key: CubeKey, year: YearRelease) -> Released:
        if key.template_id is not None:
            return self._template_slice(key, year)
        if key.measure != WALKTHROUGHS:
            raise ValueError("a rating cube is one template's")
        data = read_cube(self._store, self._cube(key, WALKTHROUGHS, year))
        cells = {cell: _joint(stats, unsafe=False) for cell, stats in data.cells.items()}
        for template_id in self._templates():
            cells.update(self._template_cells(replace(key, template_id=template_id), year))
        previous = year.previous()
        earlier = None
        if previous is not None and previous.months:
            earlier = Earlier(self._released(key, previous), previous.label, year.added())
        relations = relations_for(cells, self._hierarchies(cells))
        return decide_release(cells, relations, self.rule, {}, earlier, data)

    def _template_slice(self, key: CubeKey, year: YearRelease) -> Released:
        """A template's cube as the release decided it: its cells' decisions are the all-
        templates cube's, where every template's cells were decided together."""
        root = self._released(replace(key, measure=WALKTHROUGHS, template_id=None), year)
        ours = ("template", key.template_id)
        return Released(
            cells={cell: stats for cell, stats in root.cells.items() if ours in cell},
            decisions={cell: d for cell, d in root.decisions.items() if ours in cell},
            data=self._read_released(self._cube(key, key.measure, year)),
        )

    def _read_released(self, cube: Cube) -> CubeData:
        """A release's cube data, read once per process: deciding a release reads each
        template's rating cube, which its answers then show (the costliest read there is)."""
        return self._memo.remember(("released cube", cube), lambda: read_cube(self._store, cube))

    def _templates(self) -> list[str]:
        return self._memo.remember(
            ("region templates", self._scope.region_id, self._version),
            lambda: DimensionReader(self._store).templates_with_data(self._districts()),
        )

    def _hierarchies(self, cells: dict[CellId, CellStats]) -> list[Hierarchy]:
        """Schools into the district their walkthroughs were filed under, districts into the
        region; periods and breakdowns as the cells hold them."""
        districts = self._districts()
        return cube_hierarchies(
            cells,
            school_district=DimensionReader(self._store).school_districts(districts),
            district_region=dict.fromkeys(districts, self._scope.org_id),
            breakdowns=(*BREAKDOWNS, "template"),
        )

    def _districts(self) -> tuple[str, ...]:
        """The districts a region cube reads: every one that sent the region walkthroughs while
        connected, connected now or not. A released figure never changes, so a disconnection
        takes a district out of every selection at once but not out of the region totals it
        was released in: taking it out would publish its share by subtraction."""
        scope = self._scope
        if scope.region_id is None:
            return scope.district_ids
        return self._memo.remember(
            ("region districts", scope.region_id, self._version),
            lambda: DimensionReader(self._store).districts_of_region(scope.region_id or ""),
        )

    def _cube(self, key: CubeKey, measure: Measure, year: YearRelease | None = None) -> Cube:
        return Cube(
            measure=measure,
            top=self._scope.org_label,
            region_id=self._scope.region_id,
            district_ids=self._districts() if year is not None else self._scope.district_ids,
            school_year=key.school_year,
            weeks=key.weeks,
            template_id=key.template_id,
            breakdowns=tuple(sorted(key.breakdowns)),
            release=None if year is None else year.week_ranges(),
        )

    def _template_cells(self, key: CubeKey, year: YearRelease) -> dict[CellId, CellStats]:
        """One template's cells (its walkthroughs and teachers), each marked unsafe (as if
        uniform) when any look-for's own cell is thin or uniform there, so that deciding the
        template's cells protects every look-for; they sum to the all-templates cells, since a
        walkthrough follows one template."""
        ratings = self._read_released(self._cube(key, RATINGS, year))
        walkthroughs = read_cube(self._store, self._cube(key, WALKTHROUGHS, year)).cells
        unsafe = {
            _without_indicator(cell)
            for cell, stats in ratings.cells.items()
            if unsafe_reasons(stats, self.rule)
        }
        return {cell: _joint(stats, unsafe=cell in unsafe) for cell, stats in walkthroughs.items()}


def _joint(stats: CellStats, *, unsafe: bool) -> CellStats:
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
