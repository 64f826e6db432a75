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
from fractions import Fraction
from math import gcd, isqrt, lcm
from typing import Any

SparseRow = dict[int, int]


def determined(rows: Sequence[Mapping[int, int]]) -> dict[int, frozenset[int]]:
    """The columns fixed by `rows` (each a sparse {column: coefficient}), each with the indices
    of the rows combined to fix it (a superset: cancellations are not tracked)."""
    return _solved(rows, track_origins=True).unit_columns()


def _fixed_columns(rows: Sequence[Mapping[int, int]]) -> set[int]:
    """The columns fixed by `rows`, without the rows that fix them (cheaper to keep)."""
    basis = _solved(rows, track_origins=False)
    return {pivot for pivot, row in basis.rows.items() if len(row) == 1}


def _solved(rows: Sequence[Mapping[int, int]], *, track_origins: bool) -> _ReducedBasis:
    basis = _ReducedBasis(track_origins=track_origins)
    for index, row in enumerate(rows):
        basis.add(row, index)
    return basis


class _ReducedBasis:
    """A row basis kept in reduced row echelon form while rows are added: every pivot column
    appears in its own row only. A row's pivot entry is positive, its entries coprime."""

    def __init__(self, *, track_origins: bool = True) -> None:
        self.rows: dict[int, SparseRow] = {}  # pivot column -> its row
        # Pivot column -> input rows it combines. Optional: on a large system with fill-in
        # these sets grow towards rows x rows integers (a 10M-walkthrough release, #17).
        self.origins: dict[int, set[int]] | None = {} if track_origins else None
        self.holders: defaultdict[int, set[int]] = defaultdict(set)  # column -> pivots using it

    def reduced(self, row: Mapping[int, int]) -> tuple[SparseRow, set[int]]:
        """`row` less its part in the span (a new dict), and the input rows subtracted (empty
        when origins are not tracked)."""
        vector = {column: int(value) for column, value in row.items() if value}
        used: set[int] = set()
        for pivot in [column for column in vector if column in self.rows]:
            # Rows are fully reduced, so subtracting one introduces no other pivot column.
            vector = _combine(vector, self.rows[pivot], pivot)
            if self.origins is not None:
                used |= self.origins[pivot]
        return vector, used

    def add(self, row: Mapping[int, int], index: int) -> None:
        vector, used = self.reduced(row)
        used.add(index)
        if not vector:
            return
        pivot = min(vector, key=lambda column: (len(self.holders[column]), column))
        vector = _primitive(vector, pivot)
        for other in sorted(self.holders.pop(pivot, set())):
            self._eliminate(other, pivot, vector, used)
        self.rows[pivot] = vector
        if self.origins is not None:
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
        if self.origins is not None:
            self.origins[target] |= used

    def unit_columns(self) -> dict[int, frozenset[int]]:
        assert self.origins is not None, "unit columns name their origins"
        return {
            pivot: frozenset(self.origins[pivot])
            for pivot, row in self.rows.items()
            if len(row) == 1
        }


# Moduli for `PinnedColumns`: 2^61 - 1 keeps products within a few machine words; the larger
# ones are for when a combination cannot be proved modulo the one before.
MERSENNE_PRIMES = (2**61 - 1, 2**127 - 1, 2**521 - 1)


class PinnedColumns:
    """Which unknowns a system fixes, kept up to date while unknowns are added to it.

    An unknown is a column of the system: its vector is its coefficient in every equation.
    It is fixed exactly when its vector is not a combination of the other columns' vectors
    (if it were, moving it and the others against it would keep every equation's value).
    Adding an unknown never fixes one that was free, so an addition either leaves everything
    as it was, frees the fixed unknowns whose vectors combine with the new one's, or is fixed
    itself.

    Kept: a basis of the free unknowns' vectors at the start (never changed after), and the
    vectors, less that span, of every unknown that was ever fixed ("members", exact integers).
    Members stay independent of each other and of the start's span, so a new vector's
    combination of them is unique: the members with a non-zero coefficient are freed, and a
    freed member simply stays a member. Nothing is ever solved again: with ~24,000 fixed cells
    in a 10M-walkthrough release, re-reducing them all for each newly hidden cell did not
    finish (#17).

    The combination is searched for modulo a prime (`_ModularEchelon`) and proved over the
    rationals before it is believed, so every answer is exact whatever the prime; see
    `_exact_combination`. Exact fractions took 40 s for 4,168 members and 200 s more for the
    1,516 cells hidden after them in a smoke-bench release (#17).
    """

    def __init__(
        self,
        vectors: Mapping[int, Mapping[int, int]] | None = None,
        *,
        primes: Sequence[int] = MERSENNE_PRIMES,
    ) -> None:
        """Start with `vectors` (unknown -> its vector) solved at once: added one at a time,
        the first unknowns would all be fixed and every later one compared with them all.
        What later additions need is built at the first `add`: a caller that solves afresh
        instead (when too many unknowns are fixed to keep up to date) never pays for it.
        `primes`: the moduli to search with, each tried when the one before could not find a
        combination it could prove (only the last must be large: tests pass small ones)."""
        self._free = _ReducedBasis(track_origins=False)
        self._primes = list(primes)
        self._members = _ModularEchelon(self._primes.pop(0))
        self._residuals: dict[int, SparseRow] = {}  # member -> its exact vector less the span
        self._start: dict[int, Mapping[int, int]] | None = dict(vectors or {})
        equations: defaultdict[int, dict[int, int]] = defaultdict(dict)
        for unknown, vector in self._start.items():
            for equation, coefficient in vector.items():
                equations[equation][unknown] = coefficient
        self._fixed = _fixed_columns([equations[e] for e in sorted(equations)])

    @property
    def fixed(self) -> frozenset[int]:
        return frozenset(self._fixed)

    def add(self, unknown: int, vector: Mapping[int, int]) -> None:
        if self._start is not None:
            self._build_from_start(self._start)
        self._add(unknown, vector)

    def _build_from_start(self, start: Mapping[int, Mapping[int, int]]) -> None:
        self._start = None
        fixed, self._fixed = self._fixed, set()
        for unknown in sorted(start.keys() - fixed):
            self._free.add(start[unknown], unknown)
        for unknown in sorted(fixed):
            self._add(unknown, start[unknown])
            assert unknown in self._fixed, "a fixed unknown is independent of everything else"

    def _add(self, unknown: int, vector: Mapping[int, int]) -> None:
        residual, _ = self._free.reduced(vector)
        if not residual:
            return
        while True:
            made = self._members.combination(unknown, residual)
            if made is None:  # independent of everything kept: fixed, and frees nobody
                self._residuals[unknown] = residual
                self._fixed.add(unknown)
                return
            exact = _exact_combination(made, self._members.prime, residual, self._residuals)
            if exact is not None:
                self._fixed -= exact
                return
            self._search_with_next_prime()

    def _search_with_next_prime(self) -> None:
        """Rebuild the members' echelon modulo the next prime (this one divides a quantity
        that matters here, or the combination's numbers outgrow it)."""
        while self._primes:
            self._members = _ModularEchelon(self._primes.pop(0))
            if all(self._members.combination(m, r) is None for m, r in self._residuals.items()):
                return  # the members are independent modulo this prime too
        raise ArithmeticError("no prime left to search for a combination with")


class _ModularEchelon:
    """Members' vectors modulo a prime, in echelon form: each row has pivot entry 1 and no
    other row's pivot column, and carries the combination of members it is."""

    def __init__(self, prime: int) -> None:
        self.prime = prime
        self._rows: dict[int, tuple[dict[int, int], dict[int, int]]] = {}

    def combination(self, unknown: int, residual: Mapping[int, int]) -> dict[int, int] | None:
        """Coefficients (mod the prime) making `residual` from the members, or None after
        keeping it as a member when no combination does. Exact when None: members are
        independent modulo the prime, so a rational combination would survive the modulus."""
        p = self.prime
        left = {c: v % p for c, v in residual.items() if v % p}
        made = {unknown: 1}  # left == made[unknown] * residual - sum of members' multiples
        while pivots := [c for c in left if c in self._rows]:
            pivot = min(pivots)
            factor = left[pivot]
            row, row_made = self._rows[pivot]
            _subtract_mod(left, row, factor, p)
            _subtract_mod(made, row_made, factor, p)
        if not left:
            return {u: (p - c) % p for u, c in made.items() if u != unknown}
        pivot = min(left)
        inverse = pow(left[pivot], -1, p)
        self._rows[pivot] = (
            {c: v * inverse % p for c, v in left.items()},
            {u: v * inverse % p for u, v in made.items()},
        )
        return None


def _exact_combination(
    made: Mapping[int, int],
    prime: int,
    residual: Mapping[int, int],
    members: Mapping[int, Mapping[int, int]],
) -> set[int] | None:
    """The members `residual` is made of (a non-zero rational coefficient each), proved: the
    coefficients found modulo `prime` are read back as small fractions and the sum is checked
    in integers. None when that fails (the prime divides a quantity that matters, or the
    fractions are too large for it): then no answer is given rather than a wrong one.
    Members are independent, so a combination that checks out is the only one."""
    coefficients: dict[int, Fraction] = {}
    for member, value in made.items():
        if value:
            fraction = _rational(value, prime)
            if fraction is None:
                return None
            coefficients[member] = fraction
    scale = lcm(*(fraction.denominator for fraction in coefficients.values()))
    total: dict[int, int] = {}
    for member, fraction in coefficients.items():
        _subtract(total, members[member], -fraction.numerator * (scale // fraction.denominator))
    expected = {c: v * scale for c, v in residual.items()}
    return set(coefficients) if total == expected else None


def _rational(value: int, prime: int) -> Fraction | None:
    """The fraction n/d with |n|, d <= sqrt(prime / 2) congruent to `value`, if any (rational
    reconstruction by the extended Euclidean algorithm)."""
    bound = isqrt(prime // 2)
    r0, r1, s0, s1 = prime, value % prime, 0, 1
    while r1 > bound:
        quotient = r0 // r1
        r0, r1 = r1, r0 - quotient * r1
        s0, s1 = s1, s0 - quotient * s1
    if s1 == 0 or abs(s1) > bound or gcd(r1, abs(s1)) != 1:
        return None
    return Fraction(r1, s1)


def _subtract_mod(target: dict[int, int], source: Mapping[int, int], factor: int, p: int) -> None:
    """`target -= factor * source` modulo `p`, in place, keeping no zero entries."""
    for c, value in source.items():
        total = (target.get(c, 0) - factor * value) % p
        if total:
            target[c] = total
        else:
            target.pop(c, None)


def _combine(target: SparseRow, source: SparseRow, column: int) -> SparseRow:
    """`target` with its entry in `column` cancelled by a multiple of `source`: in place
    when the source's entry is 1 (the usual case with +-1 equations), else scaled."""
    factor, scale = target[column], source[column]
    if scale != 1:
        target = {c: v * scale for c, v in target.items()}
    _subtract(target, source, factor)
    return target


def _subtract(target: dict[int, Any], source: Mapping[int, Any], factor: Any) -> None:
    """`target -= factor * source`, in place, keeping no zero entries."""
    for c, value in source.items():
        total = target.get(c, 0) - factor * value
        if total:
            target[c] = total
        else:
            target.pop(c, None)


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
