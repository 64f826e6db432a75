"""The determinacy safety net: hidden cells that every relation keeps in pairs or more can still
be pinned by relations combined (three relations over three small cells, pairwise: x + y,
y + z and x + z give each). Suppression must hide more until none is, whether the victim comes
from a local solve or, as in a region release's groups of ~10^5 cells, from the nearest
relations with a cell left to hide."""

from __future__ import annotations

from unittest.mock import patch

import pytest

from canopy_analytics.domain.privacy import suppression
from canopy_analytics.domain.privacy.linear import PinnedColumns, determined
from canopy_analytics.domain.privacy.model import CellId, CellStats, Decision, PrivacyRule, Relation
from canopy_analytics.domain.privacy.suppression import suppress


def _cell(name: str) -> CellId:
    return (("org", name),)


def _stats(teachers: int, walkthroughs: int) -> CellStats:
    return CellStats(teachers=teachers, walkthroughs=walkthroughs)


def triangles(count: int) -> tuple[dict[CellId, CellStats], list[Relation]]:
    """`count` triangles of three small cells, each pair of a triangle under one total with a
    large published cell of its own."""
    cells: dict[CellId, CellStats] = {}
    relations: list[Relation] = []
    for t in range(count):
        small = [_cell(f"t{t}-{name}") for name in "xyz"]
        for cell in small:
            cells[cell] = _stats(4, 3 + t)
        for i, (a, b) in enumerate(((0, 1), (1, 2), (0, 2))):
            big, total = _cell(f"t{t}-big{i}"), _cell(f"t{t}-total{i}")
            cells[big] = _stats(20, 40 + i)
            cells[total] = _stats(28, 40 + i + 2 * (3 + t))
            relations.append(Relation(total, (small[a], small[b], big)))
    return cells, relations


def pinned_secrets(
    cells: dict[CellId, CellStats], relations: list[Relation], decisions: dict[CellId, Decision]
) -> set[CellId]:
    """Every non-empty hidden cell the published ones fix (an attacker's exact solve)."""
    hidden = sorted(c for c, d in decisions.items() if not d.published and not cells[c].is_empty)
    column = {cell: i for i, cell in enumerate(hidden)}
    rows = []
    for relation in relations:
        row = {column[relation.parent]: 1} if relation.parent in column else {}
        row |= {column[child]: -1 for child in relation.children if child in column}
        rows.append(row)
    return {hidden[i] for i in determined(rows)}


def test_the_triangle_pins_its_cells_when_only_relations_are_checked() -> None:
    cells, relations = triangles(1)
    hidden = {_cell(f"t0-{name}") for name in "xyz"}
    decisions = {c: Decision(published=c not in hidden, reasons=()) for c in cells}
    assert pinned_secrets(cells, relations, decisions) == hidden


@pytest.mark.parametrize("kept_up_to_date", [suppression._KEPT_UP_TO_DATE, 0])
@pytest.mark.parametrize("neighbourhood", [suppression._NEIGHBOURHOOD, 2])
def test_suppression_leaves_no_hidden_cell_pinned(neighbourhood: int, kept_up_to_date: int) -> None:
    """Both ways to find a victim, and both ways to check again after hiding it: keeping the
    fixed cells up to date as cells are hidden, or (past `_KEPT_UP_TO_DATE` fixed cells, here
    every time) solving the whole system afresh."""
    cells, relations = triangles(5)
    nearest = suppression._Run._nearest_hideable
    with (
        patch.object(suppression, "_NEIGHBOURHOOD", neighbourhood),
        patch.object(suppression, "_KEPT_UP_TO_DATE", kept_up_to_date),
        patch.object(
            suppression._Run, "_nearest_hideable", autospec=True, side_effect=nearest
        ) as unsolved,
        patch.object(
            suppression.PinnedColumns, "add", autospec=True, side_effect=PinnedColumns.add
        ) as kept,
    ):
        decisions = suppress(cells, relations, PrivacyRule(k=5))

    assert pinned_secrets(cells, relations, decisions) == set()
    for t in range(5):
        assert not any(decisions[_cell(f"t{t}-{name}")].published for name in "xyz")
    # the large-group path really ran when every group counts as large
    assert unsolved.called == (neighbourhood == 2)
    # the fixed cells were kept up to date, or solved afresh each time
    assert kept.called == (kept_up_to_date > 0)
