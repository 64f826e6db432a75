"""The rule for one group of teachers: a published cell, or a group an attacker can derive by
subtraction (a total minus its published parts, an unfiltered cell minus a filtered one).

Both must cover at least k distinct observed teachers, must not be uniform, and no single teacher
may contribute more than the rule's dominance share of their ratings. The reasons are
internal (they name what made the cell unsafe); `publication.public_reasons` says what the API
may show.
"""

from __future__ import annotations

from collections.abc import Iterable

from canopy_analytics.domain.privacy.model import CellStats, PrivacyRule

PRIMARY = "primary"
UNIFORM = "uniform"
COMPLEMENTARY = "complementary"
DOMINANCE = "dominance"


def primary_reason(rule: PrivacyRule) -> str:
    return f"{PRIMARY}: fewer than k={rule.k} distinct observed teachers"


UNIFORM_REASON = f"{UNIFORM}: every rating in the cell is the same (a 0% or 100% share)"


def dominance_reason(rule: PrivacyRule) -> str:
    return f"{DOMINANCE}: one teacher contributes more than {rule.dominance:.0%} of the cell"


COMPLEMENTARY_REASON = (
    f"{COMPLEMENTARY}: hidden so that a suppressed cell cannot be recovered by subtraction"
)


def is_uniform(stats: CellStats) -> bool:
    """Every rating in the cell carries the same value, or the share is exactly 0% or 100%:
    publishing it would state each observed teacher's result."""
    if stats.ratings == 0:
        return False
    if stats.at_or_above is not None and stats.at_or_above in (0, stats.ratings):
        return True
    return stats.min_value is not None and stats.min_value == stats.max_value


def unsafe_reasons(stats: CellStats, rule: PrivacyRule) -> tuple[str, ...]:
    """Why this cell may not be published on its own (empty tuple: it may)."""
    reasons = []
    if stats.teachers < rule.k:
        reasons.append(primary_reason(rule))
    if is_uniform(stats):
        reasons.append(UNIFORM_REASON)
    if is_dominated(stats, rule):
        reasons.append(dominance_reason(rule))
    return tuple(reasons)


def is_dominated(stats: CellStats, rule: PrivacyRule) -> bool:
    """One teacher contributes more than the published share of the cell (unknown: not)."""
    top = stats.top_contribution
    return top is not None and stats.size > 0 and top > rule.dominance * stats.size


def combined(parts: Iterable[CellStats], *, teachers: int) -> CellStats:
    """The additive measures of a group of cells, with `teachers` chosen by the caller (distinct
    teachers are not additive, so only the caller knows a safe bound)."""
    parts = list(parts)
    shares = [p.at_or_above for p in parts]
    lows = [p.min_value for p in parts if p.ratings]
    highs = [p.max_value for p in parts if p.ratings]
    range_known = bool(lows) and None not in lows and None not in highs
    tops = [p.top_contribution for p in parts if p.size]
    return CellStats(
        teachers=teachers,
        walkthroughs=sum(p.walkthroughs for p in parts),
        ratings=sum(p.ratings for p in parts),
        rating_sum=sum(p.rating_sum for p in parts),
        at_or_above=None if None in shares else sum(s or 0 for s in shares),
        min_value=min(v for v in lows if v is not None) if range_known else None,
        max_value=max(v for v in highs if v is not None) if range_known else None,
        top_contribution=_top_bound(tops, size=sum(p.size for p in parts)),
    )


def _top_bound(tops: list[int | None], *, size: int) -> int | None:
    """An upper bound of one teacher's contribution to a group: at most the sum of their
    largest contributions to its members (one teacher may be the largest in every member), so
    a dominance check against it errs towards hiding."""
    if not tops or None in tops:
        return None
    return min(size, sum(t or 0 for t in tops))


def group_teachers_lower_bound(
    hidden: Iterable[CellStats], parent: CellStats, others: Iterable[CellStats]
) -> int:
    """Distinct teachers of a hidden group that `parent` minus `others` reveals, bounded from
    below: the group holds at least its largest member, and at least the parent's teachers not
    covered by the others. Summing the members would overcount a teacher seen in two weeks or
    two subjects, so the sum is never used."""
    largest = max((h.teachers for h in hidden), default=0)
    uncovered = parent.teachers - sum(o.teachers for o in others)
    return max(largest, uncovered)


def group_is_safe(group: CellStats, members: int, rule: PrivacyRule) -> bool:
    """A derivable group hides its members when it has at least two non-empty members, covers
    at least k teachers and is not uniform."""
    return members >= 2 and not unsafe_reasons(group, rule)


def complement_stats(filtered: CellStats, unfiltered: CellStats) -> CellStats:
    """What `unfiltered - filtered` reveals. Its teachers are bounded from below by
    `unfiltered.teachers - filtered.teachers` (a teacher in both only makes the real complement
    larger), so a check against this bound errs on the safe side."""

    def minus(a: int | None, b: int | None) -> int | None:
        return None if a is None or b is None else a - b

    ratings = unfiltered.ratings - filtered.ratings
    rest_walkthroughs = unfiltered.walkthroughs - filtered.walkthroughs
    return CellStats(
        teachers=max(0, unfiltered.teachers - filtered.teachers),
        walkthroughs=unfiltered.walkthroughs - filtered.walkthroughs,
        ratings=ratings,
        rating_sum=unfiltered.rating_sum - filtered.rating_sum,
        at_or_above=minus(unfiltered.at_or_above, filtered.at_or_above),
        # No teacher gives the rest more than they give the unfiltered cell.
        top_contribution=None
        if unfiltered.top_contribution is None
        else min(unfiltered.top_contribution, ratings or rest_walkthroughs),
    )


def complement_safe(filtered: CellStats, unfiltered: CellStats, rule: PrivacyRule) -> bool:
    """May a filtered cell (e.g. subject=math) be published next to its unfiltered cell? Only if
    the difference of the two is empty, or itself covers at least k teachers (by the lower bound
    of `complement_stats`) and is not uniform."""
    if filtered.walkthroughs > unfiltered.walkthroughs or filtered.ratings > unfiltered.ratings:
        raise ValueError("a filtered cell cannot hold more than its unfiltered cell")
    rest = complement_stats(filtered, unfiltered)
    return rest.is_empty or not unsafe_reasons(rest, rule)
