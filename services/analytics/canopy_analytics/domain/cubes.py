"""Cubes: every cell the privacy rule must see together, read in one query and decided at once.

A cube holds, for one scope and school year, each org level (the scope's top, district, school)
x each period level (school year, month, and week when asked) x each breakdown at "all" and at
every value. For a region, every cube of one measure, template, school year and release is a
projection (`project`) of the finest one (`CubeKey.finest`: weeks x every breakdown), which is
the only one decided; a template's rating cube keeps the walkthrough cube's hidden cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

from canopy_analytics.domain.privacy.model import CellId, CellStats, Decision

Measure = Literal["ratings", "walkthroughs"]
RATINGS: Measure = "ratings"  # one template's rating rollups, cells per indicator
WALKTHROUGHS: Measure = "walkthroughs"  # walkthrough rollups of all templates
BREAKDOWNS = ("subject", "grade_band")  # dimensions whose values partition the walkthroughs
PUBLISHED = Decision(published=True)


@dataclass(frozen=True)
class CubeKey:
    """Which decided cube an answer reads, within the caller's scope."""

    measure: Measure
    school_year: str
    weeks: bool = False
    template_id: str | None = None
    breakdowns: frozenset[str] = frozenset()

    def finest(self) -> CubeKey:
        """The one cube every region cube of this measure, template and school year is a
        projection of (weeks x every breakdown): decided once, so no two region answers were
        decided apart (`services.decisions`)."""
        return replace(self, weeks=True, breakdowns=frozenset(BREAKDOWNS))


@dataclass(frozen=True)
class Cube:
    """Which cells to read: a `CubeKey` within one scope. RATINGS cells are per indicator of one
    template; WALKTHROUGHS cells span all templates (or `template_id`'s)."""

    measure: Measure
    top: str  # the org value of the whole scope: region:<id> or district:<id>
    region_id: str | None  # facts must carry this region id (region tier)
    district_ids: tuple[str, ...]
    school_year: str  # 2026-2027
    weeks: bool = False
    template_id: str | None = None
    breakdowns: tuple[str, ...] = ()
    # Region cubes read a release, not the live facts: the facts of these weeks (first Monday,
    # last Monday) ingested by the cut (`domain.releases`). None: live (district tier).
    release: tuple[tuple[date, date, datetime], ...] | None = None


@dataclass
class CubeData:
    cells: dict[CellId, CellStats] = field(default_factory=dict)
    levels: dict[CellId, dict[int, int]] = field(default_factory=dict)  # value -> ratings


@dataclass(frozen=True)
class DecidedCube:
    data: CubeData  # per indicator for RATINGS
    decisions: Mapping[CellId, Decision]  # per cell (without indicator); empty: all published

    def decision(self, cell: CellId) -> Decision:
        """The decision for a cell; an indicator's cell shares its template cell's."""
        joint = tuple(pair for pair in cell if pair[0] != "indicator")
        return self.decisions.get(joint, PUBLISHED)


def project(data: CubeData, key: CubeKey) -> CubeData:
    """The cells of `key`'s cube, taken from a finer cube's data (which holds every one)."""

    # A region's finest cube holds ~10^5-10^6 cells at state scale: one pass over each cell's
    # pairs, no dict per cell.
    excluded = {b for b in BREAKDOWNS if b not in key.breakdowns}

    def wanted(cell: CellId) -> bool:
        for dimension, value in cell:
            if dimension in excluded:
                return False
            if dimension == "period" and not key.weeks and value.startswith("week:"):
                return False
        return True

    cells = {cell: stats for cell, stats in data.cells.items() if wanted(cell)}
    return CubeData(cells, {cell: data.levels[cell] for cell in cells if cell in data.levels})
