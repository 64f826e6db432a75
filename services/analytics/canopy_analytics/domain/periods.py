"""Time buckets: ISO weeks, months and school years, as unions of whole weeks. The one place
analytics turns dates into periods and period values (``week:2026-09-14``, ``month:2026-09``,
``school_year:2026-2027``) into their parents.

Rollups are weekly (the Monday of each ISO week). A week belongs to the month of its Thursday
(the ISO rule that also gives a week its year; in ClickHouse ``toStartOfMonth(week + 3)``), and
a month to the school year starting on `SCHOOL_YEAR_START_MONTH`, so weeks nest in months and
months in school years: a month's or a year's figures are exactly the sum of its weeks'. A
requested date range is snapped outwards to whole buckets, so two ranges that differ by a few
days cannot be subtracted to isolate those days.

`parse_period`, `parse_school_year` and `check_day` are the one validation of what a caller
names: every endpoint that takes a period (the API's queries, exports, partner schedules)
refuses through them, so `month:2026-13`, `week:2026-02-30` or `school_year:2026-2020` never
reach a query.
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
SCHOOL_YEAR_HELP = "<YYYY>-<YYYY+1>, e.g. 2026-2027"
# The years a period may name: walkthroughs are not dated before 2000, and far-off years only
# overflow date arithmetic (and ClickHouse's Date, which ends in 2149).
FIRST_YEAR, LAST_YEAR = 2000, 2100
YEARS_HELP = f"years {FIRST_YEAR} to {LAST_YEAR}"
# The shapes, as documented (OpenAPI `pattern`); `parse_period` also checks what they cannot say.
_MONTH = "[0-9]{4}-(0[1-9]|1[0-2])"
PERIOD_PATTERN = (
    f"^(week:{_MONTH}-(0[1-9]|[12][0-9]|3[01])|month:{_MONTH}|school_year:[0-9]{{4}}-[0-9]{{4}})$"
)
SCHOOL_YEAR_PATTERN = "^[0-9]{4}-[0-9]{4}$"
_KEYS = {  # ASCII digits only: `\d` would also take other scripts' digits
    "week": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "month": re.compile(r"[0-9]{4}-[0-9]{2}"),
    "school_year": re.compile(r"[0-9]{4}-[0-9]{4}"),
}


class PeriodError(ValueError):
    """A period, school year or day no bucket can be made of; the message says why."""


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
        """The bucket a period value names (of any year: stored data is read as it is);
        ValueError (`PeriodError`) for anything else."""
        return parse_period(label, any_year=True)

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


def parse_period(label: str, *, any_year: bool = False) -> Bucket:
    """The bucket `label` names (a week by its Monday), in the years a caller may ask for
    unless `any_year`; `PeriodError` saying why not."""
    granularity, colon, key = label.partition(":")
    pattern = _KEYS.get(granularity)
    if not colon or pattern is None or not pattern.fullmatch(key):
        raise PeriodError(f"not a period: {label[:40]!r}; expected {PERIOD_HELP}")
    if granularity == "week":
        _check_week(key)
    elif granularity == "month":
        _check_month(key)
    else:
        _check_school_year(key)
    if not any_year:
        _check_year(int(key[:4]))
    return Bucket(_granularity(granularity), key)


def parse_school_year(text: str) -> str:
    """`text` when it names a school year (`2026-2027`); `PeriodError` saying why not."""
    if not _KEYS["school_year"].fullmatch(text):
        raise PeriodError(f"not a school year: {text[:40]!r}; expected {SCHOOL_YEAR_HELP}")
    _check_school_year(text)
    _check_year(int(text[:4]))
    return text


def check_day(day: date) -> date:
    """`day` when a period may hold it; `PeriodError` otherwise."""
    _check_year(day.year)
    return day


def requested_period(value: str | None, default_school_year: str) -> Bucket:
    """The bucket a caller asked for (`period=`), the default school year when none."""
    if value is None:
        return Bucket("school_year", default_school_year)
    try:
        return parse_period(value)
    except PeriodError as err:
        raise Invalid(str(err), field="period", rule=PERIOD_HELP) from None


def _check_week(key: str) -> None:
    try:
        week = date.fromisoformat(key)
    except ValueError:
        raise PeriodError(f"week:{key} is not a date") from None
    if week.weekday() != 0:
        raise PeriodError(f"a week is named by its Monday, got week:{key}")


def _check_month(key: str) -> None:
    if not 1 <= int(key[5:]) <= 12:
        raise PeriodError(f"month:{key} has no month {key[5:]} (01 to 12)")


def _check_school_year(key: str) -> None:
    if int(key[5:]) != int(key[:4]) + 1:
        raise PeriodError(f"a school year spans two consecutive years, got {key!r}")


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"{year} is out of range: {YEARS_HELP}")


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
