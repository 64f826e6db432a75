"""The one period parser: a period, school year or day names something that exists, or it is
refused with a message saying what is wrong."""

from __future__ import annotations

from datetime import date

import pytest

from canopy_analytics.domain.periods import (
    Bucket,
    PeriodError,
    check_day,
    parse_period,
    parse_school_year,
    requested_period,
)
from canopy_shared.errors import Invalid


@pytest.mark.parametrize(
    ("label", "why"),
    [
        ("month:2026-13", "no month 13"),
        ("month:2026-00", "no month 00"),
        ("week:2026-02-30", "not a date"),
        ("week:2026-09-15", "Monday"),
        ("school_year:2026-2020", "two consecutive years"),
        ("school_year:2026-2026", "two consecutive years"),
        ("month:\uff12\uff10\uff12\uff16-01", "not a period"),  # digits, but not ASCII ones
        ("month:2026-01\n", "not a period"),
        ("month:2026-1", "not a period"),
        ("year:2026", "not a period"),
        ("month", "not a period"),
        ("", "not a period"),
    ],
)
def test_a_period_that_does_not_exist_is_refused_saying_why(label: str, why: str) -> None:
    with pytest.raises(PeriodError, match=why):
        parse_period(label)
    with pytest.raises(ValueError):  # Bucket.parse keeps its contract
        Bucket.parse(label)
    with pytest.raises(Invalid) as refused:
        requested_period(label, "2026-2027")
    assert refused.value.field == "period" and why in refused.value.message


@pytest.mark.parametrize("label", ["month:1999-12", "week:2101-01-03", "school_year:1970-1971"])
def test_a_caller_asks_only_for_years_a_period_may_name_but_stored_data_is_read(
    label: str,
) -> None:
    with pytest.raises(PeriodError, match="out of range"):
        parse_period(label)
    with pytest.raises(Invalid):
        requested_period(label, "2026-2027")
    assert Bucket.parse(label).label == label  # e.g. a walkthrough dated before the range


@pytest.mark.parametrize(
    ("label", "bucket"),
    [
        ("week:2026-09-14", Bucket("week", "2026-09-14")),
        ("month:2026-12", Bucket("month", "2026-12")),
        ("school_year:2026-2027", Bucket("school_year", "2026-2027")),
        ("month:2000-01", Bucket("month", "2000-01")),
        ("school_year:2100-2101", Bucket("school_year", "2100-2101")),
    ],
)
def test_a_period_that_exists_is_its_bucket(label: str, bucket: Bucket) -> None:
    assert parse_period(label) == bucket == Bucket.parse(label) == requested_period(label, "x")
    assert bucket.start <= bucket.end


def test_a_school_year_spans_two_consecutive_years() -> None:
    assert parse_school_year("2026-2027") == "2026-2027"
    for bad in ("2026-2020", "2026-2028", "2026", "26-27", "1999-2000"):
        with pytest.raises(PeriodError):
            parse_school_year(bad)


def test_a_day_is_within_the_years_a_period_may_name() -> None:
    assert check_day(date(2026, 9, 14)) == date(2026, 9, 14)
    for bad in (date(1, 1, 1), date(1999, 12, 31), date(2101, 1, 1), date(9999, 12, 31)):
        with pytest.raises(PeriodError):
            check_day(bad)
