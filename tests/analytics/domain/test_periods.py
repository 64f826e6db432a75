"""The one periods module: buckets nest week -> month -> school year (a week belongs to the month
of its Thursday; school years start in the vocabulary's month), and the period hierarchy the
region API decides cubes with holds months whose weeks are not in the cube."""

from __future__ import annotations

from datetime import date

import pytest

from canopy_analytics.domain.periods import Bucket, buckets_between, requested_period
from canopy_analytics.domain.privacy.relations import period_hierarchy
from canopy_shared.errors import Invalid


def test_a_week_belongs_to_the_month_of_its_thursday_and_that_month_to_its_school_year() -> None:
    week = Bucket.parse("week:2026-06-29")  # Thursday 2 July: July, so school year 2026-2027
    assert week.parent == Bucket("month", "2026-07")
    assert Bucket("month", "2026-07").parent == Bucket("school_year", "2026-2027")
    assert Bucket("school_year", "2026-2027").parent is None
    assert week.school_year == "2026-2027"


def test_months_and_years_are_unions_of_whole_weeks() -> None:
    year = Bucket("school_year", "2026-2027")
    months = buckets_between(year.start, year.end, "month")
    weeks = buckets_between(year.start, year.end, "week")
    assert len(months) == 12 and months[0].start == year.start and months[-1].end == year.end
    assert {w.parent for w in weeks} == set(months)


def test_the_period_hierarchy_holds_months_without_their_weeks() -> None:
    tree = period_hierarchy(["month:2026-09", "school_year:2026-2027", "week:2026-10-05"])
    assert tree.parent_of == {
        "month:2026-09": "school_year:2026-2027",
        "week:2026-10-05": "month:2026-10",
        "month:2026-10": "school_year:2026-2027",
    }


def test_a_requested_period_is_a_named_bucket_and_a_week_is_named_by_its_monday() -> None:
    assert requested_period(None, "2025-2026") == Bucket("school_year", "2025-2026")
    assert requested_period("week:2026-09-14", "x").start == date(2026, 9, 14)
    for bad in ("week:2026-09-15", "month:2026-9", "year:2026"):
        with pytest.raises(Invalid):
            requested_period(bad, "2025-2026")
