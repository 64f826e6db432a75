"""Time buckets: ISO weeks, months and school years, as unions of whole weeks. The one place
analytics turns dates into periods and period values (``week:2026-09-14``, ``month:2026-09``,
``school_year:2026-2027``) into their parents.

Rollups are weekly (the Monday of each ISO week). A week belongs to the month of its Thursday
(the ISO rule that also gives a week its year; in ClickHouse ``toStartOfMonth(week + 3)``), and
a month to the school year starting on `SCHOOL_YEAR_START_MONTH`, so weeks nest in months and
months in school years: a month's or a year's figures are exactly the sum of its weeks'. A
requested date range is snapped outwards to whole buckets, so two ranges that differ by a few
days cannot be subtracted to isolate those days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from canopy_shared.contracts.vocabulary import SCHOOL_YEAR_START_MONTH, school_year_on
from canopy_shared.errors import Invalid

Granularity = Literal["week", "month", "school_year"]
GRANULARITIES: tuple[Granularity, ...] = ("week", "month", "school_year")
WEEK = timedelta(days=7)
PERIOD_HELP = "week:<Monday YYYY-MM-DD> | month:<YYYY-MM> | school_year:<YYYY-YYYY>"
_PERIOD = re.compile(r"^(week:\d{4}-\d{2}-\d{2}|month:\d{4}-\d{2}|school_year:\d{4}-\d{4})$")


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_of_week(week: date) -> date:
    """The first day of the month the week starting `week` belongs to (its Thursday's)."""
    return (week + timedelta(days=3)).replace(day=1)


def school_year_of_week(week: date) -> str:
    """``2026-2027``: the school year of the month the week belongs to."""
    return school_year_on(month_of_week(week))


@dataclass(frozen=True, order=True)
class Bucket:
    granularity: Granularity
    key: str  # 2026-09-14 (the week's Monday) | 2026-09 | 2026-2027

    @classmethod
    def parse(cls, label: str) -> Bucket:
        """The bucket a period value names; ValueError for anything else (a week is named by
        its Monday)."""
        if not _PERIOD.match(label):
            raise ValueError(f"not a period: {label!r} (expected {PERIOD_HELP})")
        granularity, _, key = label.partition(":")
        if granularity == "week" and date.fromisoformat(key).weekday() != 0:
            raise ValueError(f"a week is named by its Monday, got {label!r}")
        return cls(_granularity(granularity), key)

    @property
    def label(self) -> str:
        return f"{self.granularity}:{self.key}"

    @property
    def parent(self) -> Bucket | None:
        """The bucket this one adds into: a week's month, a month's school year."""
        if self.granularity == "week":
            return Bucket("month", month_of_week(date.fromisoformat(self.key)).strftime("%Y-%m"))
        if self.granularity == "month":
            return Bucket("school_year", school_year_on(date.fromisoformat(f"{self.key}-01")))
        return None

    @property
    def school_year(self) -> str:
        if self.granularity == "school_year":
            return self.key
        return school_year_of_week(self.weeks[0])

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


def requested_period(value: str | None, default_school_year: str) -> Bucket:
    """The bucket a caller asked for (`period=`), the default school year when none."""
    if value is None:
        return Bucket("school_year", default_school_year)
    if not _PERIOD.match(value):
        raise Invalid(f"unknown period {value!r}", field="period", rule=PERIOD_HELP)
    granularity, _, key = value.partition(":")
    if granularity == "week" and date.fromisoformat(key).weekday() != 0:
        raise Invalid("a week is named by its Monday", field="period")
    return Bucket(_granularity(granularity), key)


def bucket_of_week(week: date, granularity: Granularity) -> Bucket:
    if granularity == "week":
        return Bucket("week", week.isoformat())
    month = month_of_week(week)
    if granularity == "month":
        return Bucket("month", month.strftime("%Y-%m"))
    return Bucket("school_year", school_year_on(month))


def buckets_between(first: date, last: date, granularity: Granularity) -> list[Bucket]:
    """Every bucket of `granularity` that holds a day from `first` to `last`, in order."""
    buckets: list[Bucket] = []
    week = monday(first)
    while week <= last:
        bucket = bucket_of_week(week, granularity)
        if not buckets or buckets[-1] != bucket:
            buckets.append(bucket)
        week += WEEK
    return buckets


def _granularity(text: str) -> Granularity:
    for granularity in GRANULARITIES:
        if granularity == text:
            return granularity
    raise ValueError(f"unknown granularity {text!r}; expected one of {GRANULARITIES}")


def _first_week_of_month(first_day: date) -> date:
    """The Monday of the first week whose Thursday falls in the month starting `first_day`."""
    week = monday(first_day)
    return week if month_of_week(week) == first_day else week + WEEK


def _next_month(first_day: date) -> date:
    return (first_day + timedelta(days=32)).replace(day=1)
