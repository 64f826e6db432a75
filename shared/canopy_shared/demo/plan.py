"""What a demo network is made of: the shape `make run` seeds, and smaller shapes for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from canopy_shared.demo.story import DEMO_STORY, NEUTRAL, Coverage, Story


@dataclass(frozen=True)
class SchoolPlan:
    name: str
    teachers: int


@dataclass(frozen=True)
class DistrictPlan:
    name: str
    code: str  # OneRoster sourcedId prefix and e-mail domain part
    schools: tuple[SchoolPlan, ...]
    coverage: Coverage | None = None  # None: the network's visits_per_teacher, the usual gaps


@dataclass(frozen=True)
class NetworkPlan:
    region_name: str
    districts: tuple[DistrictPlan, ...]
    weeks: int = 18  # about how long the walkthrough period is (see walkthrough_period)
    visits_per_teacher: int = 4
    seed: int = 2026
    email_domain: str = "demo.canopy.test"
    story: Story = NEUTRAL  # what the ratings say (demo/story.py)
    # Extra districts that stay standalone ("District Plan") unless a test connects them later.
    standalone: tuple[DistrictPlan, ...] = field(default=())


def _district(
    name: str, code: str, sizes: list[int], coverage: Coverage | None = None
) -> DistrictPlan:
    kinds = ("Elementary", "Middle", "High")
    schools = tuple(
        SchoolPlan(f"{name.split()[0]} {kinds[i % 3]} #{i + 1}", teachers)
        for i, teachers in enumerate(sizes)
    )
    return DistrictPlan(name, code, schools, coverage)


# Three districts, 30 schools, ~370 teachers. The story (demo/story.py): Bayside is strongest
# and visits most; Cedar Hills turns "students explain their thinking" around after mid-term;
# Prairie View visits least; "higher-order questions" lags everywhere; a few
# small schools (5-8 teachers) show small-cell suppression.
DEMO = NetworkPlan(
    region_name="Gulf Coast Education Service Center",
    districts=(
        _district(
            "Bayside ISD",
            "bayside",
            [14, 12, 16, 11, 6, 13, 15, 12, 18, 10, 12, 7],
            Coverage(visits_per_teacher=6, unobserved_share=0.04),
        ),
        _district(
            "Cedar Hills ISD",
            "cedarhills",
            [12, 15, 11, 14, 13, 8, 16, 12, 11, 14],
            Coverage(visits_per_teacher=6, unobserved_share=0.08),
        ),
        _district(
            "Prairie View CISD",
            "prairieview",
            [16, 11, 13, 5, 12, 15, 14, 12],
            Coverage(visits_per_teacher=5, unobserved_share=0.15),
        ),
    ),
    story=DEMO_STORY,
)


def walkthrough_period(today: date, weeks: int) -> tuple[date, date]:
    """About the last `weeks` weeks, within the current school year (classes from Aug 1): from
    the first of a month to the last Friday of a finished week. Whole months and weeks only, so
    no period at either end holds a handful of walkthroughs (a cell that small is suppressed,
    and hides its neighbours with it), and no walkthrough is in the future."""
    year_start = date(today.year if today.month >= 8 else today.year - 1, 8, 1)
    earliest = today - timedelta(weeks=weeks)
    start = max(year_start, earliest.replace(day=1))
    last_friday = today - timedelta(days=(today.weekday() - 4) % 7 or 7)
    return start, max(start, last_friday)
