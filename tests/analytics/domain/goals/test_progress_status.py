"""The published status rule and a goal's progress, property-tested: the linear path runs from
the baseline to the target; a higher figure is never judged worse; a goal over several
look-fors counts each equally and a withheld month stays a gap; look-fors a template version
dropped (or added) only change the months they were rated in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from canopy_analytics.domain.goals.model import Target
from canopy_analytics.domain.goals.progress import (
    SharePoint,
    baseline_of,
    check_benchmarks,
    check_point,
    combine,
    current_of,
)
from canopy_analytics.domain.goals.status import (
    AT_RISK_MARGIN,
    expected_share,
    status_of,
)
from tests.analytics.domain.goals.test_goal_rules import a_goal

RANK = {"on_track": 0, "at_risk": 1, "off_track": 2}
shares = st.floats(0, 1, allow_nan=False)
START, DEADLINE = date(2026, 9, 1), date(2027, 5, 31)
MONTHS = [date(2026, m, 1) for m in range(3, 13)] + [date(2027, m, 1) for m in range(1, 6)]


def month(first: date) -> tuple[str, date, date]:
    following = (first + timedelta(days=32)).replace(day=1)
    return f"month:{first:%Y-%m}", first, following - timedelta(days=1)


def point(first: date, value: float | None, n: int = 20, suppressed: bool = False) -> SharePoint:
    label, start, end = month(first)
    if suppressed:
        return SharePoint(label, start, end, 0, True, None, None)
    if value is None:
        return SharePoint(label, start, end, 0, False, None, None)
    return SharePoint(label, start, end, n, False, value, f"{round(value * 100)}%")


def series(values: list[float | None]) -> list[SharePoint]:
    return [point(m, v) for m, v in zip(MONTHS, values, strict=True)]


@given(baseline=shares, target=shares, days=st.integers(-400, 700))
def test_the_path_runs_from_baseline_to_target(baseline, target, days) -> None:
    on = START + timedelta(days=days)
    value = expected_share(baseline, target, START, DEADLINE, on)
    assert min(baseline, target) - 1e-9 <= value <= max(baseline, target) + 1e-9
    if on <= START:
        assert value == baseline
    if on >= DEADLINE:
        assert value == target


@given(baseline=shares, target=shares, a=st.integers(0, 272), b=st.integers(0, 272))
def test_the_path_moves_one_way(baseline, target, a, b) -> None:
    early, late = sorted((a, b))
    first = expected_share(baseline, target, START, DEADLINE, START + timedelta(days=early))
    second = expected_share(baseline, target, START, DEADLINE, START + timedelta(days=late))
    assert (second - first) * (target - baseline) >= -1e-12


@given(low=shares, high=shares, expected=shares)
def test_a_higher_figure_is_never_judged_worse(low, high, expected) -> None:
    low, high = sorted((low, high))
    assert RANK[status_of(high, expected)] <= RANK[status_of(low, expected)]


@given(expected=shares, below=st.floats(0, 1, allow_nan=False))
def test_the_margin_separates_at_risk_from_off_track(expected, below) -> None:
    # Figures are compared to a hundredth of a percent (shares show as whole percents).
    status = status_of(expected - below, expected)
    if below < 0.00004:
        assert status == "on_track"
    elif 0.00006 < below <= AT_RISK_MARGIN - 0.0001:
        assert status == "at_risk"
    elif below > AT_RISK_MARGIN + 0.0001:
        assert status == "off_track"


def test_reaching_the_target_is_on_track_at_every_date() -> None:
    for days in range(0, 300, 7):
        on = START + timedelta(days=days)
        assert status_of(0.7, expected_share(0.2, 0.7, START, DEADLINE, on)) == "on_track"


look_for_values = st.lists(st.one_of(st.none(), shares), min_size=len(MONTHS), max_size=len(MONTHS))


@given(st.lists(look_for_values, min_size=1, max_size=4))
def test_a_month_is_the_mean_of_the_look_fors_rated_in_it(columns) -> None:
    by_key = {f"k{i}": series(col) for i, col in enumerate(columns)}
    combined = combine(by_key)
    assert [p.period for p in combined] == [month(m)[0] for m in MONTHS]
    for i, goal_point in enumerate(combined):
        rated = [col[i] for col in columns if col[i] is not None]
        if not rated:
            assert goal_point.value is None and not goal_point.measured
        else:
            assert abs(goal_point.value - sum(rated) / len(rated)) < 1e-4
            assert min(rated) - 1e-4 <= goal_point.value <= max(rated) + 1e-4


@given(st.lists(look_for_values, min_size=2, max_size=4), st.data())
def test_look_fors_are_interchangeable(columns, data) -> None:
    keys = [f"k{i}" for i in range(len(columns))]
    order = data.draw(st.permutations(keys))
    by_key = {k: series(col) for k, col in zip(keys, columns, strict=True)}
    assert combine(by_key) == combine({k: by_key[k] for k in order})


@given(look_for_values, look_for_values, st.integers(1, len(MONTHS) - 1))
def test_a_look_for_dropped_by_a_new_template_version_only_leaves_its_months(
    kept, dropped, change
) -> None:
    """Version 2 of the template (from month `change` on) no longer has look-for "old": it is
    not rated after the change. The months before count both; the months after count the one
    the template kept, exactly as if the goal had only that look-for then."""
    dropped = [v if i < change else None for i, v in enumerate(dropped)]
    both = combine(
        {
            "kept": series(kept),
            "old": series(dropped),
        }
    )
    alone = combine({"kept": series(kept)})
    assert both[change:] == alone[change:]
    goal = a_goal(look_fors=("kept", "old"))
    for checked in check_benchmarks(goal, baseline_of(goal, both), both, date(2027, 6, 30)):
        assert checked.status in {"on_track", "at_risk", "off_track", "no_data"}


@given(look_for_values, st.integers(0, len(MONTHS) - 1))
def test_a_withheld_month_is_a_gap_never_a_figure(values, hidden) -> None:
    points = series(values)
    other = list(points)
    points[hidden] = point(MONTHS[hidden], None, suppressed=True)
    combined = combine({"a": points, "b": other})
    assert combined[hidden].suppressed and combined[hidden].value is None
    goal = a_goal()
    checked = check_point(goal, baseline_of(goal, combined), combined[hidden], DEADLINE)
    assert checked.status == "suppressed"


def test_baseline_is_the_latest_month_before_the_start_else_the_first_after() -> None:
    goal = a_goal(start=date(2026, 10, 1))
    points = combine({"a": [point(MONTHS[5], 0.2), point(MONTHS[6], 0.3), point(MONTHS[8], 0.5)]})
    assert baseline_of(goal, points).period == "month:2026-09"
    later = combine({"a": [point(MONTHS[8], 0.5), point(MONTHS[9], 0.6)]})
    assert baseline_of(goal, later).period == "month:2026-11"


def test_benchmarks_ahead_are_upcoming_and_past_ones_judged_on_the_path() -> None:
    goal = a_goal(target=Target(3, 0.7))
    # baseline 0.2 in August; path at 2026-12-01 is 0.2 + 0.5 * 91/272 ≈ 0.367
    points = combine({"a": [point(MONTHS[5], 0.2), point(MONTHS[8], 0.36)]})
    baseline = baseline_of(goal, points)
    checked = check_benchmarks(goal, baseline, points, today=date(2026, 12, 15))
    assert [c.status for c in checked] == ["at_risk", "upcoming", "upcoming"]
    assert checked[0].point is not None and checked[0].point.period == "month:2026-11"
    now = current_of(goal, points, date(2026, 12, 15))
    assert now is not None and now.period == "month:2026-11"


def test_nothing_measured_has_no_status() -> None:
    goal = a_goal()
    points = combine({"a": [point(m, None) for m in MONTHS]})
    assert baseline_of(goal, points) is None
    assert current_of(goal, points, DEADLINE) is None
    assert check_point(goal, None, None, DEADLINE).status == "no_data"
    assert replace(goal).look_fors == ("explain",)
