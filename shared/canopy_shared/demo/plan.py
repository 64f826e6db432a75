"""What a demo network is made of: the shape `make run` seeds, and smaller shapes for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class SchoolPlan:
    name: str
    teachers: int


@dataclass(frozen=True)
class DistrictPlan:
    name: str
    code: str  # OneRoster sourcedId prefix and e-mail domain part
    schools: tuple[SchoolPlan, ...]


@dataclass(frozen=True)
class NetworkPlan:
    region_name: str
    districts: tuple[DistrictPlan, ...]
    weeks: int = 18  # the walkthrough period ends yesterday and starts at most this long before
    visits_per_teacher: int = 4
    seed: int = 2026
    email_domain: str = "demo.canopy.test"
    # Extra districts that stay standalone ("District Plan") unless a test connects them later.
    standalone: tuple[DistrictPlan, ...] = field(default=())


def _district(name: str, code: str, sizes: list[int]) -> DistrictPlan:
    kinds = ("Elementary", "Middle", "High")
    schools = tuple(
        SchoolPlan(f"{name.split()[0]} {kinds[i % 3]} #{i + 1}", teachers)
        for i, teachers in enumerate(sizes)
    )
    return DistrictPlan(name, code, schools)


# Three districts, 30 schools, ~400 teachers; a few small schools show small-cell suppression.
DEMO = NetworkPlan(
    region_name="Gulf Coast Education Service Center",
    districts=(
        _district("Bayside ISD", "bayside", [14, 12, 16, 11, 6, 13, 15, 12, 18, 10, 12, 7]),
        _district("Cedar Hills ISD", "cedarhills", [12, 15, 11, 14, 13, 8, 16, 12, 11, 14]),
        _district("Prairie View CISD", "prairieview", [16, 11, 13, 5, 12, 15, 14, 12]),
    ),
)


def walkthrough_period(today: date, weeks: int) -> tuple[date, date]:
    """The last `weeks` weeks up to yesterday, within the current school year (from Aug 1),
    so the demo shows this year's trends and no walkthrough is in the future."""
    year_start = date(today.year if today.month >= 8 else today.year - 1, 8, 1)
    start = max(year_start, today - timedelta(weeks=weeks))
    return start, max(start, today - timedelta(days=1))
