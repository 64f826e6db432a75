"""Figures computed here, independently of analytics, from the submitted walkthroughs, and an
audit that checks each cell the region API answers against them."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from tests.e2e.analytics.world import Fact

K = 10  # the default privacy rule (GET /v1/privacy-rule says so; checked in test_figures)
SCALE = (1, 2, 3, 4)
LEVEL = 3  # the API's default level for a 1-4 scale: the upper half
SHARE_MIN_N = 21  # fewer ratings: "<5%" or "≥95%" would pin an exact 0 % or 100 %
DOMINANCE = 0.5  # no teacher may contribute more than this share of a shown cell


def select(facts: Iterable[Fact], org: str, **where: str | None) -> list[Fact]:
    tier, _, org_id = org.partition(":")
    chosen = []
    for fact in facts:
        if tier == "district" and fact.district_id != org_id:
            continue
        if tier == "school" and fact.school_id != org_id:
            continue
        if any(
            value is not None
            and (fact.period(value.partition(":")[0]) if key == "period" else getattr(fact, key))
            != value
            for key, value in where.items()
        ):
            continue
        chosen.append(fact)
    return chosen


def rating_share(part: int, whole: int) -> dict[str, Any]:
    """A share of ratings as the region tier publishes it: coded, and no share at all for a
    cell of fewer than SHARE_MIN_N ratings, whatever its value."""
    if whole < SHARE_MIN_N:
        return {"value": None, "display": f"n<{SHARE_MIN_N}", "coded": "withheld"}
    return coded(part, whole)


def coded(part: int, whole: int) -> dict[str, Any]:
    """A share as the region tier publishes it: whole percents, <5 % and >=95 % coded."""
    exact = Fraction(part, whole)
    if exact < Fraction(1, 20):
        return {"value": None, "display": "<5%", "coded": "bottom"}
    if exact >= Fraction(19, 20):
        return {"value": None, "display": "≥95%", "coded": "top"}
    shown = min(max(math.floor(exact * 100 + Fraction(1, 2)), 5), 94)
    return {"value": shown / 100, "display": f"{shown}%", "coded": None}


def mean(values: list[int]) -> float:
    return math.floor(Fraction(sum(values) * 100, len(values)) + Fraction(1, 2)) / 100


def unsafe(facts: list[Fact]) -> bool:
    """Cells the rule must hide: under k teachers, one teacher above the dominance share, or an
    indicator whose ratings are all alike."""
    if len({f.teacher_id for f in facts}) < K or dominated(facts):
        return True
    return any(len({f.ratings[i] for f in facts}) == 1 for i in facts[0].ratings)


def dominated(facts: list[Fact]) -> bool:
    top = max(Counter(f.teacher_id for f in facts).values())
    return top > DOMINANCE * len(facts)


LABELS = {"indicator", "text", "section", "level", "period", "start", "end", "org", "name"}


def figures(cell: dict[str, Any]) -> dict[str, Any]:
    """A cell without the labels that name it."""
    return {k: v for k, v in cell.items() if k not in LABELS}


@dataclass
class Audit:
    """Every cell checked, by outcome; published cells are the proof the rule isn't blanket."""

    published: int = 0
    primary: int = 0
    secondary: list[str] = field(default_factory=list)

    def check_suppressed(self, cell: dict[str, Any], facts: list[Fact], where: str) -> None:
        assert set(figures(cell)) == {"suppressed", "reasons"}, f"{where}: shows a figure: {cell}"
        teachers = len({f.teacher_id for f in facts})
        if teachers < K:
            assert cell["reasons"] == ["primary"], where
            self.primary += 1
        elif dominated(facts):
            assert cell["reasons"] == ["dominance"], where
        else:
            assert cell["reasons"] == ["secondary"], where
            self.secondary.append(where)

    def unpublished(self, cell: dict[str, Any], facts: list[Fact], where: str) -> bool:
        """A region period not released yet (issue #19): the world's walkthroughs all lie in
        months that ended before the release, so such a period holds none of them."""
        if not cell.get("unpublished"):
            return False
        assert not facts, f"{where}: a period with walkthroughs was not released"
        shown = set(figures(cell))
        assert shown == {"suppressed", "reasons", "unpublished", "published_after"}, where
        assert cell["suppressed"] is True and cell["reasons"] == ["unpublished"], where
        return True

    def rating(
        self, cell: dict[str, Any], facts: list[Fact], indicator: str, where: str, level: int
    ) -> None:
        if self.unpublished(cell, facts, where):
            return
        values = [f.ratings[indicator] for f in facts]
        if not values:
            assert cell.get("n") == 0 and cell["suppressed"] is False, where
            return
        teachers = len({f.teacher_id for f in facts})
        if unsafe(facts) or cell["suppressed"]:
            assert cell["suppressed"], f"{where}: an unsafe cell ({teachers} teachers) is shown"
            return self.check_suppressed(cell, facts, where)
        self.published += 1
        assert (cell["n"], cell["teachers"]) == (len(values), teachers), where
        assert cell["mean_rating"] == mean(values), where
        assert cell["share"] == rating_share(sum(v >= level for v in values), len(values)), where

    def levels(self, cell: dict[str, Any], facts: list[Fact], indicator: str, where: str) -> None:
        if self.unpublished(cell, facts, where):
            return
        values = Counter(f.ratings[indicator] for f in facts)
        if unsafe(facts) or cell["suppressed"]:
            assert cell["suppressed"], where
            return self.check_suppressed(cell, facts, where)
        self.published += 1
        n = sum(values.values())
        assert (cell["n"], cell["teachers"]) == (n, len({f.teacher_id for f in facts})), where
        assert [lv["value"] for lv in cell["levels"]] == list(SCALE), where
        for level in cell["levels"]:
            assert set(level) == {"value", "label", "share"}, f"{where}: counts are shown"
            assert level["share"] == rating_share(values[level["value"]], n), (where, level)

    def count(self, cell: dict[str, Any], facts: list[Fact], where: str) -> None:
        if self.unpublished(cell, facts, where):
            return
        teachers = len({f.teacher_id for f in facts})
        if not facts:
            assert figures(cell) == {"suppressed": False, "walkthroughs": 0, "teachers_observed": 0}
            return
        if teachers < K or cell["suppressed"]:
            assert cell["suppressed"], where
            return self.check_suppressed(cell, facts, where)
        self.published += 1
        expected = {"suppressed": False, "walkthroughs": len(facts), "teachers_observed": teachers}
        assert figures(cell) == expected, where
