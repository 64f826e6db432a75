"""Coverage windows and the target's arithmetic: terms are halves of the school year, a window
defaults to the current term so far, and every week begun owes the weekly target."""

from __future__ import annotations

from datetime import date

import pytest

from canopy_intake.domain.coverage import Window, expected_visits, term_start, window_of
from canopy_shared.errors import Invalid


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2026, 9, 14), date(2026, 7, 1)),
        (date(2026, 7, 1), date(2026, 7, 1)),
        (date(2026, 12, 31), date(2026, 7, 1)),
        (date(2027, 1, 1), date(2027, 1, 1)),
        (date(2027, 6, 30), date(2027, 1, 1)),
    ],
)
def test_terms_are_halves_of_the_school_year(day: date, start: date) -> None:
    assert term_start(day) == start


def test_a_window_defaults_to_this_term_so_far() -> None:
    today = date(2026, 10, 5)
    assert window_of(None, None, today) == Window(date(2026, 7, 1), today)
    assert window_of(None, date(2027, 2, 1), today) == Window(date(2027, 1, 1), date(2027, 2, 1))


def test_a_window_is_ordered_and_at_most_a_year() -> None:
    with pytest.raises(Invalid) as backwards:
        window_of(date(2026, 9, 2), date(2026, 9, 1), date(2026, 10, 1))
    assert backwards.value.field == "to"
    with pytest.raises(Invalid) as long:
        window_of(date(2025, 1, 1), date(2026, 9, 1), date(2026, 10, 1))
    assert long.value.field == "from"


def test_every_week_begun_owes_the_weekly_target() -> None:
    two_weeks = Window(date(2026, 9, 14), date(2026, 9, 27))
    assert expected_visits(3, two_weeks) == 6
    assert expected_visits(3, Window(date(2026, 9, 14), date(2026, 9, 28))) == 7  # 15 days
    assert expected_visits(None, two_weeks) is None
