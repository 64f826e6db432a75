"""Time buckets: ISO weeks, months and school years, as unions of whole weeks.

Rollups are weekly (the Monday of each ISO week). A week belongs to the month of its Thursday
(the ISO rule that also gives a week its year), and a month to the school year that runs from
July to June, so weeks nest in months and months in school years: a month's or a year's figures
are exactly the sum of its weeks'. A requested date range is snapped outwards to whole buckets,
so two ranges that differ by a few days cannot be subtracted to isolate those days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

GRANULARITIES = ("week", "month", "school_year")
SCHOOL_YEAR_START_MONTH = 7  # the anonymizer's pseudonym keys rotate on July 1 too
WEEK = timedelta(days=7)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_of_week(week: date) -> date:
    """The first day of the month the week starting `week` belongs to (its Thursday's)."""
    return (week + timedelta(days=3)).replace(day=1)


def school_year_of_month(month: date) -> str:
    start = month.year if month.month >= SCHOOL_YEAR_START_MONTH else month.year - 1
    return f"{start:04d}-{start + 1:04d}"


def school_year_of_week(week: date) -> str:
    return school_year_of_month(month_of_week(week))


@dataclass(frozen=True, order=True)
class Bucket:
    granularity: str  # week | month | school_year
    key: str  # 2026-09-14 (the week's Monday) | 2026-09 | 2026-2027

    @property
    def label(self) -> str:
        return f"{self.granularity}:{self.key}"

    @property
    def weeks(self) -> tuple[date, date]:
        """The Monday of its first and of its last week."""
        if self.granularity == "week":
            week = date.fromisoformat(self.key)
            return week, week
        if self.granularity == "month":
            first = date.fromisoformat(f"{self.key}-01")
            return _first_week_of_month(first), _first_week_of_month(_next_month(first)) - WEEK
        start = int(self.key[:4])
        first = date(start, SCHOOL_YEAR_START_MONTH, 1)
        last = date(start + 1, SCHOOL_YEAR_START_MONTH, 1)
        return _first_week_of_month(first), _first_week_of_month(last) - WEEK

    @property
    def start(self) -> date:
        return self.weeks[0]

    @property
    def end(self) -> date:
        """The Sunday ending its last week."""
        return self.weeks[1] + timedelta(days=6)


def bucket_of_week(week: date, granularity: str) -> Bucket:
    if granularity == "week":
        return Bucket("week", week.isoformat())
    month = month_of_week(week)
    if granularity == "month":
        return Bucket("month", month.strftime("%Y-%m"))
    if granularity == "school_year":
        return Bucket("school_year", school_year_of_month(month))
    raise ValueError(f"unknown granularity {granularity!r}; expected one of {GRANULARITIES}")


def bucket_of_day(day: date, granularity: str) -> Bucket:
    return bucket_of_week(monday(day), granularity)


def buckets_between(first: date, last: date, granularity: str) -> list[Bucket]:
    """Every bucket of `granularity` that holds a day from `first` to `last`, in order."""
    buckets: list[Bucket] = []
    week = monday(first)
    while week <= last:
        bucket = bucket_of_week(week, granularity)
        if not buckets or buckets[-1] != bucket:
            buckets.append(bucket)
        week += WEEK
    return buckets


def _first_week_of_month(first_day: date) -> date:
    """The Monday of the first week whose Thursday falls in the month starting `first_day`."""
    week = monday(first_day)
    return week if month_of_week(week) == first_day else week + WEEK


def _next_month(first_day: date) -> date:
    return (first_day + timedelta(days=32)).replace(day=1)
