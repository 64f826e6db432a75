"""One cell of an answer as the caller may see it: figures, or why they are hidden.

Region callers get suppressed cells with no number at all, coded shares and the public reason;
district callers (who see their own walkthroughs with names elsewhere) get exact figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from canopy_analytics.decisions import DecidedCube
from canopy_analytics.privacy import CellId, PrivacyRule, code_share, public_reasons
from canopy_analytics.privacy.publication import public_reason_texts


@dataclass
class Tally:
    """Counts how many cells an answer suppressed, for its `suppression` block."""

    rule: PrivacyRule
    applied: bool
    suppressed: int = 0

    def block(self) -> dict[str, Any]:
        if not self.applied:
            return {
                "applied": False,
                "why": "district users see their own district's figures; the region tier's "
                "small-cell rule does not apply to them",
            }
        return {
            "applied": True,
            "k": self.rule.k,
            "suppressed_cells": self.suppressed,
            "reasons": public_reason_texts(self.rule),
            "rule": "/v1/privacy-rule",
        }


def hidden(decided: DecidedCube, cell: CellId, tally: Tally) -> dict[str, Any] | None:
    """The suppressed form of a cell, or None when it may be shown."""
    decision = decided.decision(cell)
    if not tally.applied or decision.published:
        return None
    tally.suppressed += 1
    return {"suppressed": True, "reasons": public_reasons(decision)}


def rating_cell(decided: DecidedCube, cell: CellId, level: int, tally: Tally) -> dict[str, Any]:
    """Mean rating and share at or above `level` of one indicator cell, with its n."""
    stats = decided.data.cells.get(cell)
    if stats is None or not stats.ratings:
        return {"suppressed": False, "n": 0, "teachers": 0, "mean_rating": None, "share": None}
    suppressed = hidden(decided, cell, tally)
    if suppressed:
        return suppressed
    at_or_above = sum(n for value, n in decided.data.levels[cell].items() if value >= level)
    return {
        "suppressed": False,
        "n": stats.ratings,
        "teachers": stats.teachers,
        "mean_rating": rounded_mean(stats.rating_sum, stats.ratings),
        "share": share(at_or_above, stats.ratings, tally),
    }


def count_cell(decided: DecidedCube, cell: CellId, tally: Tally) -> dict[str, Any]:
    """Walkthroughs and distinct teachers observed in one cell of the walkthrough cube."""
    stats = decided.data.cells.get(cell)
    if stats is None or not stats.walkthroughs:
        return {"suppressed": False, "walkthroughs": 0, "teachers_observed": 0}
    return hidden(decided, cell, tally) or {
        "suppressed": False,
        "walkthroughs": stats.walkthroughs,
        "teachers_observed": stats.teachers,
    }


def share(part: int, whole: int, tally: Tally) -> dict[str, Any] | None:
    """A share as the caller may see it: coded at the region tier, exact for a district."""
    if not whole:
        return None
    exact = Fraction(min(part, whole), whole)
    if tally.applied:
        return code_share(exact, tally.rule)
    return {"value": round(float(exact), 4), "display": f"{float(exact) * 100:.1f}%", "coded": None}


def rounded_mean(total: int, count: int) -> float:
    return math.floor(Fraction(total * 100, count) + Fraction(1, 2)) / 100
