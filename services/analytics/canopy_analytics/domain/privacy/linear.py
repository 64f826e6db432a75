"""Which unknowns a system of linear equations pins down, computed exactly.

An attacker who sees every published cell knows, for each relation `parent = sum(children)`,
one equation over the hidden cells. A hidden cell is recoverable exactly when its unit vector
lies in the row space of those equations (restricted to the hidden cells); equivalently, when
its pivot row in the reduced row echelon form has no other entry. Arithmetic is exact: floating
rank tests can call a recoverable cell safe. Rows are kept as primitive integer vectors (each a
scalar multiple of its rational RREF row, so the same supports, pivots and answers) because
Python integers are an order of magnitude faster than Fractions, which normalise on every step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from math import gcd

SparseRow = dict[int, int]


def determined(rows: Sequence[Mapping[int, int]]) -> dict[int, frozenset[int]]:
    """The columns fixed by `rows` (each a sparse {column: coefficient}), each with the indices
    of the rows combined to fix it (a superset: cancellations are not tracked)."""
    basis = _ReducedBasis()
    for index, row in enumerate(rows):
        basis.add(row, index)
    return basis.unit_columns()


class _ReducedBasis:
    """A row basis kept in reduced row echelon form while rows are added: every pivot column
    appears in its own row only. A row's pivot entry is positive, its entries coprime."""

    def __init__(self) -> None:
        self.rows: dict[int, SparseRow] = {}  # pivot column -> its row
        self.origins: dict[int, set[int]] = {}  # pivot column -> input rows it combines
        self.holders: defaultdict[int, set[int]] = defaultdict(set)  # column -> pivots using it

    def add(self, row: Mapping[int, int], index: int) -> None:
        vector = {column: int(value) for column, value in row.items() if value}
        used = {index}
        for pivot in [column for column in vector if column in self.rows]:
            # Rows are fully reduced, so subtracting one introduces no other pivot column.
            vector = _combine(vector, self.rows[pivot], pivot)
            used |= self.origins[pivot]
        if not vector:
            return
        pivot = min(vector, key=lambda column: (len(self.holders[column]), column))
        vector = _primitive(vector, pivot)
        for other in sorted(self.holders.pop(pivot, set())):
            self._eliminate(other, pivot, vector, used)
        self.rows[pivot] = vector
        self.origins[pivot] = used
        for column in vector:
            if column != pivot:
                self.holders[column].add(pivot)

    def _eliminate(self, target: int, pivot: int, vector: SparseRow, used: set[int]) -> None:
        before = set(self.rows[target])  # a copy: `_combine` may update the row in place
        row = _primitive(_combine(self.rows[target], vector, pivot), target)
        for column in before - row.keys():
            if column != pivot:
                self.holders[column].discard(target)
        for column in row.keys() - before:
            self.holders[column].add(target)
        self.rows[target] = row
        self.origins[target] |= used

    def unit_columns(self) -> dict[int, frozenset[int]]:
        return {
            pivot: frozenset(self.origins[pivot])
            for pivot, row in self.rows.items()
            if len(row) == 1
        }


def _combine(target: SparseRow, source: SparseRow, column: int) -> SparseRow:
    """`target` with its entry in `column` cancelled by a multiple of `source`: in place
    when the source's entry is 1 (the usual case with +-1 equations), else scaled."""
    factor, scale = target[column], source[column]
    if scale != 1:
        target = {c: v * scale for c, v in target.items()}
    for c, value in source.items():
        total = target.get(c, 0) - factor * value
        if total:
            target[c] = total
        else:
            target.pop(c, None)
    return target


def _primitive(row: SparseRow, pivot: int) -> SparseRow:
    """The row divided by the gcd of its entries, its pivot entry made positive."""
    divisor = 0
    for value in row.values():
        divisor = gcd(divisor, value)
        if divisor == 1:
            break
    if row[pivot] < 0:
        divisor = -divisor
    if divisor == 1:
        return row
    return {c: v // divisor for c, v in row.items()}
