"""Coverage a principal can act on: which teachers were not observed in a window (this term by
default), and how many visits each observer made against the district's weekly target.

Terms are halves of the school year, as the web app's period filter draws them: fall from the
school year's first month to December, spring from January to the year's end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from canopy_shared.contracts.vocabulary import SCHOOL_YEAR_START_MONTH
from canopy_shared.errors import Invalid

# A window longer than a school year answers no question a principal asks, and costs a scan.
LONGEST_WINDOW_DAYS = 366
MAX_WEEKLY_TARGET = 50


@dataclass(frozen=True)
class Window:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def term_start(day: date) -> date:
    """The first day of the term `day` falls in."""
    if day.month >= SCHOOL_YEAR_START_MONTH:
        return date(day.year, SCHOOL_YEAR_START_MONTH, 1)
    return date(day.year, 1, 1)


def window_of(first: date | None, last: date | None, today: date) -> Window:
    """The asked window; without `from` the current term so far, without `to` today."""
    last = last or today
    first = first or term_start(last)
    if last < first:
        raise Invalid("to is before from", field="to", rule="ordered_days")
    window = Window(first, last)
    if window.days > LONGEST_WINDOW_DAYS:
        raise Invalid(
            f"a coverage window spans at most {LONGEST_WINDOW_DAYS} days; narrow from/to",
            field="from",
            rule="window_length",
        )
    return window


def expected_visits(weekly_target: int | None, window: Window) -> int | None:
    """Visits each observer owes over the window: the weekly target for every week begun."""
    if weekly_target is None:
        return None
    return math.ceil(weekly_target * window.days / 7)
