"""What the API and exports may show for a cell: its figures, rounded and coded, or for a
suppressed cell no figure at all.

Suppression reasons are published at three levels only. "primary" (fewer than k teachers) is the
usual small-cell marker; "dominance" says one teacher contributed more than the published share
of the cell; every other reason is published as "secondary", because saying a cell was hidden for
being *uniform* would itself tell that every observed teacher there got the same rating.

A share is shown only when the cell has at least `PrivacyRule.share_min_n` ratings, whatever its
value: withholding only the extreme shares of small cells would itself say "0 % or 100 %".
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from canopy_analytics.domain.privacy.cell_rules import DOMINANCE, PRIMARY, unsafe_reasons
from canopy_analytics.domain.privacy.model import CellStats, Decision, PrivacyRule

PUBLIC_PRIMARY = "primary"
PUBLIC_SECONDARY = "secondary"
PUBLIC_DOMINANCE = "dominance"


def public_reason_texts(rule: PrivacyRule) -> dict[str, str]:
    return {
        PUBLIC_PRIMARY: f"fewer than {rule.k} distinct teachers were observed in this cell",
        PUBLIC_DOMINANCE: (
            f"one teacher contributed more than {rule.dominance:.0%} of this cell's ratings"
        ),
        PUBLIC_SECONDARY: (
            "hidden to protect other figures: a suppressed cell that could otherwise be "
            "recovered by subtraction, or a result that would tell every observed teacher's rating"
        ),
    }


def public_reasons(decision: Decision) -> list[str]:
    """The reason codes an answer may carry for a suppressed cell."""
    if decision.published:
        return []
    if any(reason.startswith(f"{PRIMARY}:") for reason in decision.reasons):
        return [PUBLIC_PRIMARY]
    if any(reason.startswith(f"{DOMINANCE}:") for reason in decision.reasons):
        return [PUBLIC_DOMINANCE]
    return [PUBLIC_SECONDARY]


def shown_share(part: int, whole: int, rule: PrivacyRule) -> dict[str, Any]:
    """A share of ratings as a region answer shows it: coded (`code_share`) when the cell has
    enough ratings that no band pins a single count, else withheld whatever its value."""
    if not 0 <= part <= whole or whole <= 0:
        raise ValueError(f"a share needs 0 <= part <= whole and whole > 0, got {part}/{whole}")
    if whole < rule.share_min_n:
        return {"value": None, "display": f"n<{rule.share_min_n}", "coded": "withheld"}
    return code_share(Fraction(part, whole), rule)


def code_share(share: float | Fraction, rule: PrivacyRule) -> dict[str, Any]:
    """A share as published: a whole percent strictly between the codes, else only its band.
    The shown percent is kept inside the band (94.6 % shows as 94 %, not 95 %), so a shown
    value never contradicts the coding."""
    # A float is taken as the decimal it prints as: 19 / 20 gives 0.95, a hair below 19/20.
    exact = share if isinstance(share, Fraction) else Fraction(str(share))
    if not 0 <= exact <= 1:
        raise ValueError(f"a share lies between 0 and 1, got {share}")
    bottom, top = _threshold(rule.bottom_code), _threshold(rule.top_code)
    if exact < bottom:
        return {"value": None, "display": f"<{_percent(bottom)}%", "coded": "bottom"}
    if exact >= top:
        return {"value": None, "display": f"≥{_percent(top)}%", "coded": "top"}
    shown = math.floor(exact * 100 + Fraction(1, 2))
    shown = min(max(shown, math.ceil(bottom * 100)), math.ceil(top * 100) - 1)
    return {"value": shown / 100, "display": f"{shown}%", "coded": None}


def published_cell(stats: CellStats, decision: Decision, rule: PrivacyRule) -> dict[str, Any]:
    """What an answer may say about one cell. A suppressed cell carries no number at all."""
    if not decision.published:
        return {"suppressed": True, "reasons": public_reasons(decision)}
    if unsafe_reasons(stats, rule):
        raise ValueError("refusing to publish a cell the privacy rule forbids; pass its decision")
    share = None
    if stats.at_or_above is not None and stats.ratings:
        share = shown_share(stats.at_or_above, stats.ratings, rule)
    return {
        "suppressed": False,
        "teachers": stats.teachers,
        "walkthroughs": stats.walkthroughs,
        "ratings": stats.ratings,
        "mean_rating": _mean(stats),
        "share": share,
    }


def _mean(stats: CellStats) -> float | None:
    if not stats.ratings:
        return None
    hundredths = math.floor(Fraction(stats.rating_sum * 100, stats.ratings) + Fraction(1, 2))
    return hundredths / 100


def _threshold(value: float) -> Fraction:
    # From the decimal the rule was written in: Fraction(0.05) is a hair above 1/20.
    return Fraction(str(value))


def _percent(value: Fraction) -> str:
    return f"{float(value * 100):g}"
