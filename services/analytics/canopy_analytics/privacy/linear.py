"""Which unknowns a system of linear equations pins down, computed exactly over the rationals.

An attacker who sees every published cell knows, for each relation `parent = sum(children)`,
one equation over the hidden cells. A hidden cell is recoverable exactly when its unit vector
lies in the row space of those equations (restricted to the hidden cells); equivalently, when
its pivot row in the reduced row echelon form has no other entry. Fractions keep this exact:
floating rank tests can call a recoverable cell safe.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from fractions import Fraction

SparseRow = dict[int, Fraction]


def determined(rows: Sequence[Mapping[int, int]]) -> dict[int, frozenset[int]]:
    """The columns fixed by `rows` (each a sparse {column: coefficient}), each with the indices
    of the rows combined to fix it (a superset: cancellations are not tracked)."""
    basis = _ReducedBasis()
    for index, row in enumerate(rows):
        basis.add(row, index)
    return basis.unit_columns()


class _ReducedBasis:
    """A row basis kept in reduced row echelon form while rows are added: every pivot column
    appears in its own row only."""

    def __init__(self) -> None:
        self.rows: dict[int, SparseRow] = {}  # pivot column -> its row (pivot entry 1)
        self.origins: dict[int, set[int]] = {}  # pivot column -> input rows it combines
        self.holders: defaultdict[int, set[int]] = defaultdict(set)  # column -> pivots using it

    def add(self, row: Mapping[int, int], index: int) -> None:
        vector = {column: Fraction(value) for column, value in row.items() if value}
        used = {index}
        for pivot in [column for column in vector if column in self.rows]:
            # Rows are fully reduced, so subtracting one introduces no other pivot column.
            _add_multiple(vector, -vector[pivot], self.rows[pivot])
            used |= self.origins[pivot]
        if not vector:
            return
        pivot = min(vector, key=lambda column: (len(self.holders[column]), column))
        scale = vector[pivot]
        vector = {column: value / scale for column, value in vector.items()}
        for other in sorted(self.holders.pop(pivot, set())):
            self._eliminate(other, pivot, vector, used)
        self.rows[pivot] = vector
        self.origins[pivot] = used
        for column in vector:
            if column != pivot:
                self.holders[column].add(pivot)

    def _eliminate(self, target: int, pivot: int, vector: SparseRow, used: set[int]) -> None:
        row = self.rows[target]
        before = set(row)
        _add_multiple(row, -row[pivot], vector)
        for column in before - set(row):
            if column != pivot:
                self.holders[column].discard(target)
        for column in set(row) - before:
            self.holders[column].add(target)
        self.origins[target] |= used

    def unit_columns(self) -> dict[int, frozenset[int]]:
        return {
            pivot: frozenset(self.origins[pivot])
            for pivot, row in self.rows.items()
            if len(row) == 1
        }


def _add_multiple(target: SparseRow, factor: Fraction, source: SparseRow) -> None:
    for column, value in source.items():
        total = target.get(column, 0) + factor * value
        if total:
            target[column] = total
        else:
            target.pop(column, None)
