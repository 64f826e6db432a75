"""One cell of an answer as the caller may see it: figures, or why they are withheld.

Region callers get suppressed cells with no number at all, coded shares and the public reason;
district callers (who see their own walkthroughs with names elsewhere) get exact figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from canopy_analytics.domain.cubes import DecidedCube
from canopy_analytics.domain.periods import Bucket
from canopy_analytics.domain.privacy.model import CellId, PrivacyRule
from canopy_analytics.domain.privacy.publication import (
    code_share,
    public_reason_texts,
    public_reasons,
    shown_share,
)
from canopy_analytics.domain.releases import NOTHING_CUT, RegionReleases, release_statement


@dataclass
class Disclosure:
    """How one answer shows cells to its caller, and how many it withheld (for the answer's
    `suppression` block): the privacy rule `applies` to region callers only."""

    rule: PrivacyRule
    applies: bool
    releases: RegionReleases = NOTHING_CUT  # what region callers see (domain.releases)
    withheld: int = 0

    def unpublished(self, cell: CellId) -> dict[str, Any] | None:
        """The form of a cell whose period is not released to a region caller yet (no figure,
        and the day after which the next release publishes it); None when it is."""
        period = dict(cell).get("period")
        if not self.applies or period is None:
            return None
        year = self.releases.year(Bucket.parse(period).school_year)
        if year.released(period):
            return None
        return {
            "suppressed": True,
            "reasons": ["unpublished"],
            "unpublished": True,
            "published_after": year.publishes_after(period).isoformat(),
        }

    def withhold(self, decided: DecidedCube, cell: CellId) -> dict[str, Any] | None:
        """The suppressed form of `cell` when the caller may not see it, counted as withheld;
        None when it may be shown."""
        decision = decided.decision(cell)
        if not self.applies or decision.published:
            return None
        self.withheld += 1
        return {"suppressed": True, "reasons": public_reasons(decision)}

    def share(self, part: int, whole: int) -> dict[str, Any] | None:
        """A share of ratings as the caller may see it: coded at the region tier (withheld when
        n is too small for the coding to hide an exact 0 % or 100 %), exact for a district."""
        if not whole:
            return None
        if self.applies:
            return shown_share(min(part, whole), whole, self.rule)
        return exact_share(part, whole)

    def count_share(self, part: int, whole: int) -> dict[str, Any] | None:
        """A share of schools visited or rostered teachers observed (coverage): about visits,
        not anyone's rating, so only coded at the region tier."""
        if not whole:
            return None
        if self.applies:
            return code_share(Fraction(min(part, whole), whole), self.rule)
        return exact_share(part, whole)

    def block(self) -> dict[str, Any]:
        """The answer's `suppression` block."""
        if not self.applies:
            return {
                "applied": False,
                "why": "district users see their own district's figures; the region tier's "
                "small-cell rule does not apply to them",
            }
        return {
            "applied": True,
            "k": self.rule.k,
            "suppressed_cells": self.withheld,
            "reasons": public_reason_texts(self.rule),
            "rule": "/v1/privacy-rule",
            "release": release_statement(self.releases),
        }


def exact_share(part: int, whole: int) -> dict[str, Any]:
    value = float(Fraction(min(part, whole), whole))
    return {"value": round(value, 4), "display": f"{value * 100:.1f}%", "coded": None}


def rating_cell(
    decided: DecidedCube, cell: CellId, level: int, disclosure: Disclosure
) -> dict[str, Any]:
    """Mean rating and share at or above `level` of one indicator cell, with its n."""
    unpublished = disclosure.unpublished(cell)
    if unpublished:
        return unpublished
    stats = decided.data.cells.get(cell)
    if stats is None or not stats.ratings:
        return {"suppressed": False, "n": 0, "teachers": 0, "mean_rating": None, "share": None}
    withheld = disclosure.withhold(decided, cell)
    if withheld:
        return withheld
    at_or_above = sum(n for value, n in decided.data.levels[cell].items() if value >= level)
    return {
        "suppressed": False,
        "n": stats.ratings,
        "teachers": stats.teachers,
        "mean_rating": rounded_mean(stats.rating_sum, stats.ratings),
        "share": disclosure.share(at_or_above, stats.ratings),
    }


def count_cell(decided: DecidedCube, cell: CellId, disclosure: Disclosure) -> dict[str, Any]:
    """Walkthroughs and distinct teachers observed in one cell of the walkthrough cube."""
    unpublished = disclosure.unpublished(cell)
    if unpublished:
        return unpublished
    stats = decided.data.cells.get(cell)
    if stats is None or not stats.walkthroughs:
        return {"suppressed": False, "walkthroughs": 0, "teachers_observed": 0}
    return disclosure.withhold(decided, cell) or {
        "suppressed": False,
        "walkthroughs": stats.walkthroughs,
        "teachers_observed": stats.teachers,
    }


def rounded_mean(total: int, count: int) -> float:
    return math.floor(Fraction(total * 100, count) + Fraction(1, 2)) / 100
