"""Deciding a release with every earlier release fixed (the release model, `domain.releases`).

Week and month cells are released once, so their values never change: a later release keeps
each one's decision (`fixed`). A school-year (year-to-date) cell changes with every release that
adds months, so each of its earlier values is kept as a cell of its own, named `as_of` the
release that showed it, with the temporal relation

    YTD(now) = YTD(previous release) + the months added now

so complementary suppression and the determinacy check see everything ever shown: an attacker
who subtracts two school-year figures gets the added months, which must pass the rule together
or be protected like any other hidden cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from canopy_analytics.domain.cubes import CubeData
from canopy_analytics.domain.privacy.model import (
    CellId,
    CellStats,
    Decision,
    PrivacyRule,
    Relation,
)
from canopy_analytics.domain.privacy.relations import cell_id
from canopy_analytics.domain.privacy.suppression import suppress

SHOWN = Decision(published=True)


@dataclass(frozen=True)
class History:
    """Earlier releases' school-year cells (renamed `as_of`), their decisions, and the temporal
    relations between them and the current cells."""

    cells: Mapping[CellId, CellStats] = field(default_factory=dict)
    decisions: Mapping[CellId, Decision] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Released:
    """One release of a cube as decided: the cells it was decided on, their decisions, and the
    history it was decided with."""

    cells: Mapping[CellId, CellStats]
    decisions: Mapping[CellId, Decision]
    history: History = field(default_factory=History)
    data: CubeData = field(default_factory=CubeData)  # what the release shows, per indicator


def is_year_cell(cell: CellId) -> bool:
    return dict(cell).get("period", "").startswith("school_year:")


def as_of(cell: CellId, label: str) -> CellId:
    """The school-year cell as a release named `label` showed it."""
    dims = dict(cell)
    return cell_id(**{**dims, "period": f"{dims['period']}@{label}"})


def with_period(cell: CellId, period: str) -> CellId:
    return cell_id(**{**dict(cell), "period": period})


def after(
    previous: Released, label: str, cells: Mapping[CellId, CellStats], added: tuple[str, ...]
) -> tuple[History, dict[CellId, Decision]]:
    """The history a release is decided with, after `previous` (named `label`), adding the
    months `added`; and the decisions of `previous` the release must keep."""
    earlier = dict(previous.history.cells)
    decisions = dict(previous.history.decisions)
    for cell, stats in previous.cells.items():
        if is_year_cell(cell):
            earlier[as_of(cell, label)] = stats
            decisions[as_of(cell, label)] = previous.decisions.get(cell, SHOWN)
    # The previous release's temporal relations named its school-year cells bare: they are
    # the earlier versions now.
    relations = [
        Relation(as_of(r.parent, label), r.children) if r.parent in previous.cells else r
        for r in previous.history.relations
    ]
    for cell in cells:
        if not is_year_cell(cell):
            continue
        parts = [as_of(cell, label)] if as_of(cell, label) in earlier else []
        parts += [m for m in (with_period(cell, month) for month in added) if m in cells]
        if parts:
            relations.append(Relation(cell, tuple(parts)))
    kept = {
        cell: decision
        for cell, decision in previous.decisions.items()
        if cell in cells and not is_year_cell(cell)
    }
    return History(earlier, decisions, tuple(relations)), kept


@dataclass(frozen=True)
class Earlier:
    """The release a new one follows: its decided cube, its name (`YearRelease.label`) and the
    months the new one adds."""

    released: Released
    label: str
    added: tuple[str, ...]


def decide_release(
    cells: Mapping[CellId, CellStats],
    relations: Sequence[Relation],
    rule: PrivacyRule,
    fixed: Mapping[CellId, Decision],
    earlier: Earlier | None = None,
    data: CubeData | None = None,
) -> Released:
    """Decide one release of a cube: `suppress` over its cells and relations with `fixed` kept,
    and, after an `earlier` release, every earlier decision kept and every earlier school-year
    value in the system (`after`)."""
    history, kept = History(), dict(fixed)
    if earlier is not None:
        history, previous = after(earlier.released, earlier.label, cells, earlier.added)
        kept.update(previous)
    decisions = suppress(
        {**cells, **history.cells},
        [*relations, *history.relations],
        rule,
        {**kept, **history.decisions},
    )
    return Released(
        cells,
        {cell: decisions[cell] for cell in cells},
        replace(history, decisions={cell: decisions[cell] for cell in history.cells}),
        data or CubeData(),
    )
