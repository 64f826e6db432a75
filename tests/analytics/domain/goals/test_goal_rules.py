"""A goal is specific, measurable and time-bound by construction; benchmarks default to each
quarter and end on the deadline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canopy_analytics.domain.goals.benchmarks import add_months, default_benchmarks
from canopy_analytics.domain.goals.model import Goal, Target, check_goal
from canopy_shared.errors import Invalid


def a_goal(**changes: object) -> Goal:
    goal = Goal(
        goal_id="g",
        tier="district",
        org_id="d",
        region_id=None,
        district_id="d",
        title="Students explain their thinking",
        template_id="t",
        look_fors=("explain",),
        target=Target(3, 0.7),
        start=date(2026, 9, 1),
        deadline=date(2027, 5, 31),
        benchmarks=(date(2026, 12, 1), date(2027, 3, 1), date(2027, 5, 31)),
        owner="Director",
        rationale="",
        parent_goal_id=None,
        alignment="own",
        created_by="u",
    )
    return replace(goal, **changes)  # type: ignore[arg-type]


def test_a_complete_goal_passes() -> None:
    assert check_goal(a_goal()) == a_goal()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"look_fors": ()}, "look_fors"),
        ({"look_fors": ("a", "a")}, "look_fors"),
        ({"target": Target(3, 0)}, "target_share"),
        ({"target": Target(3, 1.01)}, "target_share"),
        ({"deadline": date(2026, 9, 1)}, "deadline"),
        ({"deadline": date(2032, 9, 1), "benchmarks": (date(2032, 9, 1),)}, "deadline"),
        ({"benchmarks": (date(2027, 3, 1), date(2026, 12, 1))}, "benchmarks"),
        ({"benchmarks": (date(2026, 8, 1),)}, "benchmarks"),
        ({"title": "  "}, "title"),
    ],
)
def test_refusals_name_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(Invalid) as refused:
        check_goal(a_goal(**changes))
    assert refused.value.field == field


def test_quarterly_benchmarks_by_default() -> None:
    assert default_benchmarks(date(2026, 9, 1), date(2027, 5, 31)) == (
        date(2026, 12, 1),
        date(2027, 3, 1),
        date(2027, 5, 31),
    )


def test_month_end_is_kept_inside_the_month() -> None:
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


@given(
    start=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    days=st.integers(1, 5 * 365),
    every=st.integers(1, 12),
)
def test_default_benchmarks_fit_between_start_and_deadline(start, days, every) -> None:
    deadline = date.fromordinal(start.toordinal() + days)
    marks = default_benchmarks(start, deadline, every)
    assert marks[-1] == deadline
    assert list(marks) == sorted(set(marks))
    assert all(start < m <= deadline for m in marks)
    check_goal(a_goal(start=start, deadline=deadline, benchmarks=marks))
