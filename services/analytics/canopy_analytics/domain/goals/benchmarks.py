"""Interim benchmarks: the dates a goal's progress is checked on (default: each quarter)."""

from __future__ import annotations

import calendar
from datetime import date

DEFAULT_EVERY_MONTHS = 3  # a quarterly review, as school improvement plans usually set


def default_benchmarks(
    start: date, deadline: date, every_months: int = DEFAULT_EVERY_MONTHS
) -> tuple[date, ...]:
    """Every `every_months` months after `start` until the deadline, and the deadline itself."""
    dates: list[date] = []
    step = 1
    while (day := add_months(start, step * every_months)) < deadline:
        dates.append(day)
        step += 1
    return (*dates, deadline)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, on the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
