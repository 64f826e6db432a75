"""The period parameters of every analytics endpoint (queries, exports, partner schedules):
validated by the one period parser (`domain.periods`), so a bad period is a 422 naming its
field and saying what is wrong, before anything is read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields

from canopy_analytics.domain.periods import (
    PERIOD_HELP,
    PERIOD_PATTERN,
    SCHOOL_YEAR_HELP,
    SCHOOL_YEAR_PATTERN,
    YEARS_HELP,
    PeriodError,
    check_day,
    parse_period,
    parse_school_year,
)


def _refusing(parse: Callable[[Any], object]) -> Callable[[Any], None]:
    def validate(value: Any) -> None:
        try:
            parse(value)
        except PeriodError as err:
            raise ValidationError(str(err)) from None

    return validate


def period_param(description: str = PERIOD_HELP, **kwargs: Any) -> fields.String:
    """`week:<Monday>` | `month:<YYYY-MM>` | `school_year:<YYYY-YYYY>`, a real one."""
    return fields.String(
        validate=_refusing(parse_period),
        metadata={"description": description, "pattern": PERIOD_PATTERN},
        **kwargs,
    )


def school_year_param(description: str = SCHOOL_YEAR_HELP, **kwargs: Any) -> fields.String:
    return fields.String(
        validate=_refusing(parse_school_year),
        metadata={"description": description, "pattern": SCHOOL_YEAR_PATTERN},
        **kwargs,
    )


def day_param(description: str, **kwargs: Any) -> fields.Date:
    """A date a period may hold (`domain.periods.YEARS_HELP`)."""
    checked: Callable[[date], object] = check_day
    return fields.Date(
        validate=_refusing(checked),
        metadata={"description": f"{description} ({YEARS_HELP})"},
        **kwargs,
    )
