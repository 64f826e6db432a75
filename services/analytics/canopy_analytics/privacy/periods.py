"""Time buckets as period values: weeks, the months they belong to, the school years.

A week (Monday to Sunday) belongs to the month of its Thursday, so months and school years are
unions of whole weeks and a week's figures add into exactly one month. In ClickHouse the same
month is ``toStartOfMonth(toMonday(observed_on) + 3)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from canopy_analytics.privacy.relations import Hierarchy

SCHOOL_YEAR_START_MONTH = 7  # July: the school year the anonymizer rotates pseudonyms on


def week_of(day: date) -> str:
    """``week:<Monday>`` of the ISO week holding `day`."""
    return f"week:{(day - timedelta(days=day.weekday())).isoformat()}"


def month_of_week(week: str) -> str:
    monday = date.fromisoformat(_value(week, "week"))
    if monday.weekday() != 0:
        raise ValueError(f"a week is named by its Monday, got {week!r}")
    thursday = monday + timedelta(days=3)
    return f"month:{thursday.year:04d}-{thursday.month:02d}"


def school_year_of_month(month: str, *, start_month: int = SCHOOL_YEAR_START_MONTH) -> str:
    year, number = (int(part) for part in _value(month, "month").split("-"))
    start = year if number >= start_month else year - 1
    return f"school_year:{start:04d}-{start + 1:04d}"


def period_hierarchy(
    weeks: Iterable[str], *, start_month: int = SCHOOL_YEAR_START_MONTH
) -> Hierarchy:
    """week -> month -> school year for the given weeks (``week:<Monday>`` values)."""
    parent_of: dict[str, str | None] = {}
    for week in weeks:
        month = month_of_week(week)
        parent_of[week] = month
        parent_of[month] = school_year_of_month(month, start_month=start_month)
    return Hierarchy("period", parent_of)


def _value(period: str, kind: str) -> str:
    prefix, _, value = period.partition(":")
    if prefix != kind or not value:
        raise ValueError(f"expected a {kind} period such as {kind}:..., got {period!r}")
    return value
