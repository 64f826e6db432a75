"""Decide which cells of a query result may be published.

1. Primary and uniform: a cell with fewer than k distinct observed teachers, or whose ratings
   are all alike (a 0 % or 100 % share, or min == max), is suppressed.
2. Complementary, per relation `parent = sum(children)`, to a fixpoint over all relations:
   counting only non-empty hidden cells (an empty cell protects nothing: coverage figures can
   reveal it), a relation may hide none of its cells, or at least two; and when its parent is
   published, the hidden children together must pass the rule themselves (at least k teachers
   by a lower bound, not uniform), since the parent minus the published children reveals them.
   Otherwise the published child with the fewest teachers is suppressed (the parent when no
   child is left).
3. Determinacy: no non-empty hidden cell may be fixed by any linear combination of published
   cells, checked exactly per connected group of hidden cells; when one is, a published cell
   used in the combination is suppressed and everything is checked again (kept up to date as
   cells are hidden, not solved afresh each time: `_determined_now`).

The result depends only on the set of cells and relations given, never on their order, so a
dashboard, an export and a repeated query over the same cube suppress identically.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence

from canopy_analytics.domain.privacy.cell_rules import (
    COMPLEMENTARY_REASON,
    combined,
    group_is_safe,
    group_teachers_lower_bound,
    unsafe_reasons,
)
from canopy_analytics.domain.privacy.linear import PinnedColumns, determined
from canopy_analytics.domain.privacy.model import CellId, CellStats, Decision, PrivacyRule, Relation
from canopy_analytics.domain.privacy.table import Table


def suppress(
    cells: Mapping[CellId, CellStats],
    relations: Sequence[Relation],
    rule: PrivacyRule,
    fixed: Mapping[CellId, Decision] | None = None,
) -> dict[CellId, Decision]:
    """A decision for every cell. Raises ValueError when a relation names an unknown cell or
    contradicts the data (a parent that is not the sum of its children).

    `fixed` cells keep the decision given (a coarser publication already showed or hid them):
    a fixed published cell is never chosen to hide, a fixed hidden cell stays hidden. This is
    how a finer cube (weeks, a breakdown) is decided consistently with what is already public."""
    fixed = fixed or {}
    return _Run(Table.build(cells, relations), rule, fixed).decide()


class _Run:
    def __init__(self, table: Table, rule: PrivacyRule, fixed: Mapping[CellId, Decision]) -> None:
        self.table = table
        self.rule = rule
        self.empty = [stats.is_empty for stats in table.stats]
        self.reasons: dict[int, list[str]] = {}
        # Cells hidden since the last determinacy check; None: start it afresh (`_determined_now`).
        self.candidates: set[int] | None = None
        self.pinned = PinnedColumns()
        self.unknowns: set[int] = set()  # the cells `pinned` has as unknowns
        self.fixed = {i: fixed[cell] for i, cell in enumerate(table.ids) if cell in fixed}
        self.revealed: set[int] = set()  # hidden cells shown after all: their value was public
        self.revealed_now: list[int] = []

    def decide(self) -> dict[CellId, Decision]:
        for cell, stats in enumerate(self.table.stats):
            for reason in self._initial_reasons(cell, stats):
                self._hide(cell, reason)
        pending: Iterable[int] = range(len(self.table.relations))
        while True:
            self._settle_relations(pending)
            victims = self._determinacy_victims()
            if not victims and not self.revealed_now:
                break
            for cell in victims:
                self._hide(cell, COMPLEMENTARY_REASON)
            changed = [*victims, *self.revealed_now]
            self.revealed_now.clear()
            pending = sorted({r for cell in changed for r in self.table.relations_of[cell]})
        return {cell: self._decision(i) for i, cell in enumerate(self.table.ids)}

    def _initial_reasons(self, cell: int, stats: CellStats) -> tuple[str, ...]:
        decision = self.fixed.get(cell)
        if decision is None:
            return unsafe_reasons(stats, self.rule)
        if decision.published:
            return ()
        return decision.reasons or (COMPLEMENTARY_REASON,)

    def _decision(self, cell: int) -> Decision:
        return Decision(
            published=cell not in self.reasons, reasons=tuple(self.reasons.get(cell, ()))
        )

    def _hide(self, cell: int, reason: str) -> None:
        if self.candidates is not None and cell not in self.reasons:
            self.candidates.add(cell)
        reasons = self.reasons.setdefault(cell, [])
        if reason not in reasons:
            reasons.append(reason)

    def _secret(self, cell: int) -> bool:
        return cell in self.reasons and not self.empty[cell]

    def _cost(self, cell: int) -> tuple[int, int, int, int]:
        stats = self.table.stats[cell]
        return stats.teachers, stats.walkthroughs, stats.ratings, cell

    # --- complementary suppression, relation by relation ---------------------------------

    def _settle_relations(self, relations: Iterable[int]) -> None:
        queue = deque(relations)
        queued = set(queue)
        while queue:
            relation = queue.popleft()
            queued.discard(relation)
            victim = self._relation_victim(relation)
            if victim is None:
                continue
            if victim in self.reasons:
                if not self._reveal(victim):
                    continue
            else:
                self._hide(victim, COMPLEMENTARY_REASON)
            for again in self.table.relations_of[victim]:
                if again not in queued:
                    queue.append(again)
                    queued.add(again)

    def _relation_victim(self, relation: int) -> int | None:
        parent, children = self.table.relations[relation]
        hidden = [c for c in children if self._secret(c)]
        if self._secret(parent):
            if hidden:
                return None  # parent - hidden children is known, but names no group
        elif not hidden or self._hidden_group_safe(parent, children, hidden):
            return None
        published = [c for c in children if self._may_hide(c)]
        if published:
            return min(published, key=self._cost)
        if self._may_hide(parent):
            return parent
        # The parent is fixed and published and every other child is empty: the lone hidden
        # child *is* the parent, already public. Hiding it protects nothing, so it is returned
        # to be shown (and its other relations re-checked without counting on it).
        return hidden[0] if len(hidden) == 1 else None

    def _may_hide(self, cell: int) -> bool:
        return cell not in self.reasons and cell not in self.fixed and cell not in self.revealed

    def _reveal(self, cell: int) -> bool:
        """Show a hidden cell whose value published cells already fix, if the rule allows it
        on its own; False when it does not (that would be a leak the caller must not hide)."""
        if cell in self.fixed or unsafe_reasons(self.table.stats[cell], self.rule):
            return False
        del self.reasons[cell]
        self.candidates = None
        self.revealed.add(cell)
        self.revealed_now.append(cell)
        return True

    def _hidden_group_safe(self, parent: int, children: Sequence[int], hidden: list[int]) -> bool:
        stats = self.table.stats
        others = [stats[c] for c in children if c not in hidden]
        members = [stats[c] for c in hidden]
        bound = group_teachers_lower_bound(members, stats[parent], others)
        return group_is_safe(combined(members, teachers=bound), len(hidden), self.rule)

    # --- the determinacy safety net ------------------------------------------------------

    def _determinacy_victims(self) -> list[int]:
        victims: list[int] = []
        touched: set[int] = set()  # relations that already received a victim this round
        for column in self._determined_now():
            if touched.intersection(self.table.relations_of[column]):
                # A victim next to it already: the next check finds out whether that freed
                # it, without a search for the relations that fix it (most of a check's time
                # when thousands of cells are fixed in one group, #17).
                continue
            used = self._fixing_relations(column)
            if used & touched:
                continue
            victim = self._cheapest_published(used)
            if victim is not None:
                victims.append(victim)
                touched |= set(self.table.relations_of[victim])
            elif self._reveal(column):
                touched |= set(self.table.relations_of[column])
        return sorted(set(victims))

    def _determined_now(self) -> list[int]:
        """Every non-empty hidden cell the published cells fix, in order.

        The hidden cells are the unknowns of `PinnedColumns`, added as they are hidden: a
        round hides a few cells of groups that can hold thousands, and solving those whole
        every round bounded a region release (#17). A reveal removes an unknown, which it
        cannot do, so the next check starts it afresh. So does a check after one that found
        more than `_KEPT_UP_TO_DATE` fixed cells: keeping that many up to date costs more than
        solving again (24,366 of them in a 10M-walkthrough release did not finish in minutes;
        the whole system solves in seconds)."""
        if self.candidates is None or len(self.pinned.fixed) > _KEPT_UP_TO_DATE:
            self.unknowns = {cell for cell in self.reasons if self._secret(cell)}
            self.pinned = PinnedColumns({cell: self._incidence(cell) for cell in self.unknowns})
        else:
            for cell in sorted(self.candidates):
                if self._secret(cell) and cell not in self.unknowns:
                    self.unknowns.add(cell)
                    self.pinned.add(cell, self._incidence(cell))
        self.candidates = set()  # and every cell hidden from now on (`_hide`)
        return sorted(self.pinned.fixed)

    def _incidence(self, cell: int) -> dict[int, int]:
        """The cell's coefficient in each relation's equation `parent - sum(children)`."""
        relations = self.table.relations
        return {r: 1 if relations[r][0] == cell else -1 for r in self.table.relations_of[cell]}

    def _fixing_relations(self, cell: int) -> frozenset[int]:
        """Relations whose published sums together fix `cell` (known to be fixed): from the
        relations around it, one more layer at a time, using only those whose hidden cells
        all lie in that neighbourhood (the whole system has them too, so they prove it). The
        victim is then chosen among them.

        Past `_NEIGHBOURHOOD` cells the proof is not sought: solving a whole group again for
        each pinned cell, with the rows each pivot combines, took 22 GB in a 10M-walkthrough
        release whose group held ~10^5 hidden cells (#17). The relations of the nearest layer
        with a cell left to hide are named instead: hiding one of them may not free the cell,
        but the next check finds out, so the result is as safe, if perhaps hides more."""
        around, frontier = {cell}, {cell}
        layers = [frontier]
        while frontier:
            frontier = self._next_layer(frontier, around)
            around |= frontier
            layers.append(frontier)
            if frontier and len(around) > _NEIGHBOURHOOD:
                return self._nearest_hideable(layers)
            members = frozenset(around)
            touching = {r for c in around for r in self.table.relations_of[c]}
            inside = sorted(r for r in touching if self._inside(r, members))
            fixed = determined([self._equation(r, members) for r in inside])
            if cell in fixed:
                return frozenset(inside[row] for row in fixed[cell])
        raise AssertionError(f"cell {cell} is not fixed by its own group")

    def _nearest_hideable(self, layers: Sequence[set[int]]) -> frozenset[int]:
        """The relations of the innermost layer of hidden cells that hold a cell left to hide
        (every relation of the neighbourhood when none does)."""
        touching: set[int] = set()
        for layer in layers:
            relations = {r for c in layer for r in self.table.relations_of[c]}
            touching |= relations
            if any(self._may_hide(c) for r in relations for c in self._cells_of(r)):
                return frozenset(relations)
        return frozenset(touching)

    def _cells_of(self, relation: int) -> tuple[int, ...]:
        parent, children = self.table.relations[relation]
        return (parent, *children)

    def _next_layer(self, frontier: set[int], around: set[int]) -> set[int]:
        layer: set[int] = set()
        for cell in frontier:
            for relation in self.table.relations_of[cell]:
                layer.update(
                    c for c in self._cells_of(relation) if c not in around and self._secret(c)
                )
        return layer

    def _inside(self, relation: int, members: frozenset[int]) -> bool:
        return all(c in members or not self._secret(c) for c in self._cells_of(relation))

    def _equation(self, relation: int, group: frozenset[int]) -> dict[int, int]:
        parent, children = self.table.relations[relation]
        row = {child: -1 for child in children if child in group}
        if parent in group:
            row[parent] = 1
        return row

    def _cheapest_published(self, relations: Iterable[int]) -> int | None:
        candidates = {cell for r in relations for cell in self._cells_of(r) if self._may_hide(cell)}
        return min(candidates, key=self._cost) if candidates else None


_NEIGHBOURHOOD = 400  # hidden cells around a fixed one before its whole group is used
_KEPT_UP_TO_DATE = 1_000  # fixed cells past which the next check solves afresh
