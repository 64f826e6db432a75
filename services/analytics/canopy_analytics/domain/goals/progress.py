"""A goal's progress from the shares its look-fors show month by month.

Each look-for contributes the share of its ratings at or above the goal's level, as the read
path shows it to the caller (exact for a district, suppressed and coded for a region). A
month's goal figure is the mean of the look-fors rated that month, so a look-for a newer
template version dropped simply stops contributing; look-fors are matched by their stable
indicator key, whichever version the walkthrough used. A month in which any rated look-for is
withheld is withheld as a whole (a gap), never computed from the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from canopy_analytics.domain.goals.model import Goal
from canopy_analytics.domain.goals.status import Status, expected_share, status_of


@dataclass(frozen=True)
class SharePoint:
    """One look-for in one month, as the caller may see it."""

    period: str  # month:2026-09
    start: date
    end: date
    n: int  # ratings in the month (0 when none; unknown and 0 when withheld)
    suppressed: bool
    value: float | None  # the share, or a coded share's band bound; None when not shown
    display: str | None  # "64%", "≥95%", "n<21"


@dataclass(frozen=True)
class GoalPoint:
    period: str
    start: date
    end: date
    n: int
    suppressed: bool
    value: float | None
    display: str | None

    @property
    def measured(self) -> bool:
        """Walkthroughs happened (whether or not the caller may see the figure)."""
        return self.suppressed or self.n > 0


def combine(by_look_for: Mapping[str, Sequence[SharePoint]]) -> list[GoalPoint]:
    """The goal's monthly figures from each look-for's (same months, any subset rated)."""
    months: dict[str, list[SharePoint]] = {}
    for points in by_look_for.values():
        for point in points:
            months.setdefault(point.period, []).append(point)
    return [_month(points) for _, points in sorted(months.items(), key=lambda m: m[1][0].start)]


def _month(points: list[SharePoint]) -> GoalPoint:
    first = points[0]
    rated = [p for p in points if p.suppressed or p.n > 0]
    hidden = any(p.suppressed or p.value is None for p in rated)
    if not rated or hidden:
        return GoalPoint(first.period, first.start, first.end, 0, hidden, None, None)
    values = [p.value for p in rated if p.value is not None]
    value = sum(values) / len(values)
    display = rated[0].display if len(rated) == 1 else f"{round(value * 100)}%"
    n = sum(p.n for p in rated)
    return GoalPoint(first.period, first.start, first.end, n, False, round(value, 4), display)


def baseline_of(goal: Goal, points: Sequence[GoalPoint]) -> GoalPoint | None:
    """The latest shown month starting before the goal's start; else its first shown month."""
    before = [p for p in points if p.start < goal.start and p.value is not None]
    if before:
        return before[-1]
    return next((p for p in points if p.value is not None), None)


def current_of(goal: Goal, points: Sequence[GoalPoint], today: date) -> GoalPoint | None:
    """The latest month since the start (up to today) with walkthroughs, shown or withheld."""
    since = [p for p in points if p.end >= goal.start and p.start <= today and p.measured]
    return since[-1] if since else None


@dataclass(frozen=True)
class Checked:
    """A figure judged against the path: its status and the path's value there."""

    on: date
    expected: float | None
    point: GoalPoint | None
    status: Status


def check_point(
    goal: Goal, baseline: GoalPoint | None, point: GoalPoint | None, on: date
) -> Checked:
    expected = _expected(goal, baseline, on)
    if point is None or not point.measured:
        return Checked(on, expected, point, "no_data")
    if point.value is None or expected is None:
        return Checked(on, expected, point, "suppressed")
    return Checked(on, expected, point, status_of(point.value, expected))


def check_benchmarks(
    goal: Goal, baseline: GoalPoint | None, points: Sequence[GoalPoint], today: date
) -> list[Checked]:
    """Each benchmark: the latest month with walkthroughs since the previous benchmark and up
    to this one, against the path on the benchmark date; "upcoming" while still ahead."""
    checked, previous = [], goal.start
    for day in goal.benchmarks:
        if day > today:
            checked.append(Checked(day, _expected(goal, baseline, day), None, "upcoming"))
        else:
            window = [p for p in points if p.measured and previous <= p.end and p.start <= day]
            checked.append(check_point(goal, baseline, window[-1] if window else None, day))
        previous = day
    return checked


def _expected(goal: Goal, baseline: GoalPoint | None, on: date) -> float | None:
    if baseline is None or baseline.value is None:
        return None
    target = goal.target.share
    return round(expected_share(baseline.value, target, goal.start, goal.deadline, on), 4)
