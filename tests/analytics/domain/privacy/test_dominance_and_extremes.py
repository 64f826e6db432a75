"""No exact extremes and no dominated cell: an attacker who reads every share a region answer
shows, with its n, never learns that all (or none) of a cell's ratings sit at a level; and no
shown cell is mostly one teacher's ratings.

Calls exactly the shipped functions: `shown_share` (what `Disclosure.share` shows a region
caller), `suppress` (the decisions every region answer reads), `checked_level`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canopy_analytics.domain.privacy.model import CellStats, PrivacyRule
from canopy_analytics.domain.privacy.publication import published_cell, shown_share
from canopy_analytics.domain.privacy.relations import cell_id
from canopy_analytics.domain.templates import Indicator, checked_level, level_range
from canopy_shared.errors import Invalid

from .test_attacks import Cube, Walkthrough, World, _decide, attack, build_cube


def _counts_consistent_with(shown: dict, n: int) -> set[int]:
    """Every count out of n an attacker finds consistent with a shown share."""
    possible = set()
    for count in range(n + 1):
        if shown_share(count, n, PrivacyRule()) == shown:
            possible.add(count)
    return possible


@given(st.integers(1, 400), st.data())
def test_a_shown_share_never_pins_zero_or_all(n: int, data: st.DataObject) -> None:
    count = data.draw(st.integers(0, n))
    shown = shown_share(count, n, PrivacyRule())
    possible = _counts_consistent_with(shown, n)
    assert possible != {0} and possible != {n}, (count, n, shown)


@pytest.mark.parametrize(("n", "withheld"), [(15, True), (20, True), (21, False), (60, False)])
def test_shares_of_small_cells_are_withheld_whatever_their_value(n: int, withheld: bool) -> None:
    shown = {shown_share(c, n, PrivacyRule())["coded"] == "withheld" for c in range(n + 1)}
    assert shown == {withheld}  # never depends on the count: withholding must say nothing


def test_the_smallest_n_for_a_share_follows_the_coding() -> None:
    assert PrivacyRule().share_min_n == 21  # "<5%" needs 0 and 1 below 5 %: n > 20
    assert PrivacyRule(bottom_code=0.1, top_code=0.9).share_min_n == 11


def test_a_published_cell_of_fifteen_ratings_shows_no_share() -> None:
    stats = CellStats(
        teachers=12, walkthroughs=15, ratings=15, rating_sum=40, at_or_above=9,
        min_value=2, max_value=4,
    )  # fmt: skip
    shown = published_cell(stats, _published(), PrivacyRule())
    assert shown["share"] == {"value": None, "display": "n<21", "coded": "withheld"}


def _published():
    from canopy_analytics.domain.privacy.model import Decision

    return Decision(published=True)


# --- the level a share counts from ---------------------------------------------------------

FOUR_LEVELS = Indicator(
    "engagement", "Students engaged", "A", 1, "levels",
    ((1, "Beginning"), (2, "Developing"), (3, "Proficient"), (4, "Exemplary")), 1, 4,
)  # fmt: skip


@given(st.integers(-50, 50))
def test_a_level_outside_the_scale_is_refused_naming_level(level: int) -> None:
    low, high = level_range(FOUR_LEVELS)
    assert (low, high) == (2, 4)  # from the lowest value every share is 100 %
    if low <= level <= high:
        assert checked_level(FOUR_LEVELS, level) == level
    else:
        with pytest.raises(Invalid) as refused:
            checked_level(FOUR_LEVELS, level)
        assert refused.value.field == "level" and "between 2 and 4" in str(refused.value)


# --- dominance ---------------------------------------------------------------------------------


def _with_tops(world: World, cube: Cube) -> Cube:
    """The cube with each cell's largest single-teacher contribution, counted the slow way."""
    members: dict = {}
    for w in world.walkthroughs:
        district = world.school_district[w.school]
        for org in (f"school:{w.school}", f"district:{district}", "region:r"):
            for period in _periods(w.monday):
                members.setdefault(cell_id(org=org, period=period), Counter())[w.teacher] += 1
    cells = {
        cell: _replace_top(stats, max(members[cell].values()) if cell in members else 0)
        for cell, stats in cube.cells.items()
    }
    return Cube(cells, cube.teachers, cube.relations)


def _replace_top(stats: CellStats, top: int) -> CellStats:
    from dataclasses import replace

    return replace(stats, top_contribution=top)


def _periods(monday: date) -> tuple[str, str, str]:
    from .test_attacks import _periods as periods

    return periods(monday)


@st.composite
def bursty_worlds(draw: st.DrawFn) -> World:
    """Schools of 10-14 teachers with one or two walkthroughs each, where one teacher may have a
    burst of walkthroughs (the 209-walkthrough case of issue 19, scaled down)."""
    first = date(2026, 9, 7)
    school_district, walkthroughs = {}, []
    for s in range(draw(st.integers(2, 4))):
        school = f"s{s}"
        school_district[school] = "d0" if s % 2 else "d1"
        for t in range(draw(st.integers(10, 14))):
            burst = draw(st.sampled_from([1, 1, 2, 5, 15, 40])) if t == 0 else 1
            for i in range(burst):
                walkthroughs.append(
                    Walkthrough(
                        f"{school}t{t}",
                        school,
                        first + timedelta(weeks=i % 3),
                        None,
                        1 + (t + i) % 4,
                    )
                )
    return World(school_district, walkthroughs, (), 10)


@settings(max_examples=40, deadline=None)
@given(bursty_worlds())
def test_no_shown_cell_is_dominated_by_one_teacher(world: World) -> None:
    cube = _with_tops(world, build_cube(world))
    decisions = _decide(world, cube)
    rule = PrivacyRule(k=world.k)
    for cell, decision in decisions.items():
        stats = cube.cells[cell]
        if decision.published and stats.size:
            assert Fraction(stats.top_contribution or 0, stats.size) <= rule.dominance, cell
    assert attack(cube, decisions, world.k).problems == []


def test_a_burst_of_one_teacher_hides_the_cell_with_its_reason() -> None:
    walkthroughs = [
        Walkthrough(f"t{t}", "a", date(2026, 9, 7), None, 1 + t % 4) for t in range(12)
    ] + [Walkthrough("t0", "a", date(2026, 9, 7), None, 3) for _ in range(20)]
    walkthroughs += [
        Walkthrough(f"b{t}", b, date(2026, 9, 7), None, 1 + t % 4)
        for b in ("b", "c")
        for t in range(12)
    ]
    world = World({"a": "d", "b": "d", "c": "d"}, walkthroughs, (), 10)
    cube = _with_tops(world, build_cube(world))
    decisions = _decide(world, cube)
    dominated = decisions[cell_id(org="school:a", period="month:2026-09")]
    assert not dominated.published and dominated.reasons[0].startswith("dominance")
    from canopy_analytics.domain.privacy.publication import public_reasons

    assert public_reasons(dominated) == ["dominance"]
