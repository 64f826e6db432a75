"""A goal: one or more look-fors of a template (stable indicator keys across its versions), a
target level and share, a start date (its baseline is the data up to it), a deadline, interim
benchmarks, an owner and a rationale. Specific, measurable and time-bound by construction:
`check_goal` refuses a goal missing any of them, naming the field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from canopy_shared.errors import Invalid

Alignment = Literal["own", "adopted", "adapted"]
ALIGNMENTS: tuple[Alignment, ...] = ("own", "adopted", "adapted")
MAX_LOOK_FORS = 10
MAX_YEARS = 5  # a goal's horizon: an improvement plan, not a decade


@dataclass(frozen=True)
class Target:
    level: int  # a rating counts when it is at or above this level
    share: float  # the share of ratings at or above `level` aimed for, in (0, 1]


@dataclass(frozen=True)
class Goal:
    goal_id: str
    tier: str  # region | district | school: whose goal it is
    org_id: str
    region_id: str | None  # the region the owner belongs to (a district's connection)
    district_id: str | None  # district and school goals
    title: str
    template_id: str
    look_fors: tuple[str, ...]  # indicator keys, stable across the template's versions
    target: Target
    start: date
    deadline: date
    benchmarks: tuple[date, ...]  # interim check dates, ascending, the deadline last
    owner: str
    rationale: str
    parent_goal_id: str | None  # the goal this one adopts or adapts (alignment upward)
    alignment: Alignment
    created_by: str

    @property
    def org(self) -> str:
        return f"{self.tier}:{self.org_id}"


def check_goal(goal: Goal) -> Goal:
    """`goal` when it is specific, measurable and time-bound; `Invalid` naming the field."""
    if not goal.title.strip():
        raise Invalid("a goal needs a title", field="title")
    if not goal.look_fors:
        raise Invalid("a goal needs at least one look-for", field="look_fors")
    if len(set(goal.look_fors)) != len(goal.look_fors):
        raise Invalid("each look-for once", field="look_fors")
    if len(goal.look_fors) > MAX_LOOK_FORS:
        raise Invalid(f"at most {MAX_LOOK_FORS} look-fors per goal", field="look_fors")
    if not 0 < goal.target.share <= 1:
        raise Invalid(
            "target_share is a share above 0 and at most 1 (0.7 is 70%)", field="target_share"
        )
    _check_dates(goal)
    return goal


def _check_dates(goal: Goal) -> None:
    if goal.deadline <= goal.start:
        raise Invalid("the deadline must come after the start date", field="deadline")
    if goal.deadline.year - goal.start.year > MAX_YEARS:
        raise Invalid(f"a goal spans at most {MAX_YEARS} years", field="deadline")
    if list(goal.benchmarks) != sorted(set(goal.benchmarks)):
        raise Invalid("benchmark dates must be distinct and ascending", field="benchmarks")
    outside = [b for b in goal.benchmarks if not goal.start < b <= goal.deadline]
    if outside:
        raise Invalid(
            f"benchmark {outside[0].isoformat()} is not between the start and the deadline",
            field="benchmarks",
        )
