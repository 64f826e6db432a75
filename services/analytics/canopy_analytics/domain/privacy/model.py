"""What the privacy rule works on: cells of an aggregate, the additive relations between them,
the rule's parameters, and the decision taken for each cell."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

MIN_K = 5  # never below: NCES SLDS Technical Brief 3 reports state minimum n of 5-30
DEFAULT_K = 10  # the modal state minimum (NCES), NJ and DC OSSE use n < 10
# No single teacher may contribute more than this share of a shown cell's ratings (the "n,k
# dominance" rule of statistical agencies with n=1): a cell one teacher dominates is mostly
# that teacher's result.
DEFAULT_DOMINANCE = 0.5


@dataclass(frozen=True)
class PrivacyRule:
    k: int = DEFAULT_K  # a cell needs at least k distinct observed teachers
    bottom_code: float = 0.05  # shares below this are published as "<5%"
    top_code: float = 0.95  # shares at or above this are published as ">=95%"
    dominance: float = DEFAULT_DOMINANCE  # largest share of a cell one teacher may contribute

    def __post_init__(self) -> None:
        if self.k < MIN_K:
            raise ValueError(f"k must be at least {MIN_K}, got {self.k}")
        if not 0 < self.bottom_code < self.top_code < 1:
            raise ValueError("need 0 < bottom_code < top_code < 1")
        if not 0 < self.dominance < 1:
            raise ValueError(f"dominance must lie strictly between 0 and 1, got {self.dominance}")

    @property
    def share_min_n(self) -> int:
        """The fewest ratings a shown share needs: below it a coded band ("<5%", "≥95%") holds
        a single count, so it would state an exact 0 % or 100 % (n = 15 and "≥95%" is 15/15).
        Each band must admit two counts: bottom needs n > 1/bottom_code, top n >= 1/(1 - top)."""
        bottom, top = Fraction(str(self.bottom_code)), Fraction(str(self.top_code))
        return max(math.floor(1 / bottom) + 1, math.ceil(1 / (1 - top)))


# A cell is named by a tuple of (dimension, value) pairs, e.g.
# (("org", "school:<id>"), ("period", "month:2026-09"), ("indicator", "engagement")).
CellId = tuple[tuple[str, str], ...]


# Slots: a region release at 10M walkthroughs holds about a million cells and their decisions;
# without a __dict__ each costs about half the memory (issue #17).
@dataclass(frozen=True, slots=True)
class CellStats:
    """Additive measures of one cell, plus its distinct observed teachers (not additive)."""

    teachers: int  # distinct teacher pseudonyms observed in the cell
    walkthroughs: int
    ratings: int = 0  # number of ratings (the mean's denominator)
    rating_sum: int = 0
    at_or_above: int | None = None  # ratings at or above the chosen level (share metric)
    # Lowest and highest rating in the cell, when known: min == max means every observed
    # teacher got the same rating (uniform), which the rule suppresses. Not additive.
    min_value: int | None = None
    max_value: int | None = None
    # The most ratings (walkthroughs, in a walkthrough cell) any one teacher contributes to the
    # cell, when known: the dominance rule's input. Not additive.
    top_contribution: int | None = None

    def __post_init__(self) -> None:
        counts = (self.teachers, self.walkthroughs, self.ratings)
        if min(counts) < 0 or (self.at_or_above is not None and self.at_or_above < 0):
            raise ValueError(f"cell counts must not be negative: {self}")
        if self.at_or_above is not None and self.at_or_above > self.ratings:
            raise ValueError(f"at_or_above exceeds ratings: {self}")
        if (self.min_value is None) != (self.max_value is None):
            raise ValueError(f"give both min_value and max_value or neither: {self}")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValueError(f"min_value exceeds max_value: {self}")
        if self.top_contribution is not None and not 0 <= self.top_contribution <= self.size:
            raise ValueError(f"top_contribution exceeds the cell's size: {self}")

    @property
    def size(self) -> int:
        """What the cell counts: ratings, or walkthroughs in a cell without ratings."""
        return self.ratings or self.walkthroughs

    @property
    def is_empty(self) -> bool:
        """Nothing observed: an attacker may know this (e.g. from coverage), so it protects
        nothing when hidden."""
        return self.teachers == 0 and self.walkthroughs == 0 and self.ratings == 0


@dataclass(frozen=True)
class Relation:
    """parent = sum of children, for every additive measure (e.g. a district and its schools,
    a school year and its months). Complementary suppression works along these."""

    parent: CellId
    children: tuple[CellId, ...]

    @property
    def cells(self) -> tuple[CellId, ...]:
        return (self.parent, *self.children)


@dataclass(frozen=True, slots=True)
class Decision:
    published: bool
    reasons: tuple[str, ...] = ()  # why suppressed: primary, uniform, complementary, ...
