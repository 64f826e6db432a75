"""The lattice leak (issue #19): k = 5, subjects math/ela/science, weeks 2027-05-24..06-14.

The region API used to decide each cube it was asked for apart: months; weeks and months by
subject, each with the months' decisions fixed; weeks by subject with both fixed. Decided apart,
the weeks cube and the subject cube each hid what their own relations needed, but an attacker
holding both (and the weeks-by-subject cells, or only knowing which of them are empty) could
subtract across them: in the world below a school's month-by-subject cell minus its published
parts isolates a group of 3 teachers. Now every region cube is a projection of the finest one
(`CubeKey.finest`, `project`), decided once (`decide_release`): the attacker holding every
projection holds no more than the finest cube's published cells.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from canopy_analytics.domain.cubes import RATINGS, CubeData, CubeKey, project
from canopy_analytics.domain.privacy.model import CellId, Decision, PrivacyRule
from canopy_analytics.domain.privacy.over_time import decide_release
from tests.analytics.domain.privacy.test_attacks import (
    Cube,
    Walkthrough,
    World,
    _decide,
    _sub_cube,
    attack,
    build_cube,
    production_relations,
)

SUBJECTS = ("math", "ela", "science")
FIRST_WEEK = date(2027, 5, 24)
WEEKS = 4  # 2027-05-24 .. 2027-06-14
K = 5


def lattice_world(seed: int) -> World:
    """A region of 1-3 districts of 1-4 schools, teachers teaching one subject each, 0-3
    walkthroughs per teacher over the four weeks."""
    rng = random.Random(seed)
    school_district: dict[str, str] = {}
    walkthroughs = []
    for d in range(rng.randint(1, 3)):
        for s in range(rng.randint(1, 4)):
            school = f"d{d}s{s}"
            school_district[school] = f"d{d}"
            uniform = rng.random() < 0.2
            for t in range(rng.randint(1, 25)):
                subject = rng.choice(SUBJECTS)
                for _ in range(rng.randrange(0, 4)):
                    walkthroughs.append(
                        Walkthrough(
                            teacher=f"{school}t{t}",
                            school=school,
                            monday=FIRST_WEEK + timedelta(weeks=rng.randrange(WEEKS)),
                            subject=subject,
                            rating=3 if uniform else rng.randint(1, 4),
                        )
                    )
    return World(school_district, walkthroughs, SUBJECTS, K)


def _coarse(dims: dict[str, str]) -> bool:
    return not dims["period"].startswith("week:")


def decided_apart(world: World, cube: Cube) -> dict[CellId, Decision]:
    """How the API used to decide the lattice: each cube on its own, coarser decisions fixed."""
    months = _decide(world, _sub_cube(cube, lambda d: _coarse(d) and "subject" not in d))
    weeks = _decide(world, _sub_cube(cube, lambda d: "subject" not in d), fixed=months)
    by_subject = _decide(world, _sub_cube(cube, _coarse), fixed=months)
    return _decide(world, cube, fixed={**weeks, **by_subject})


def decided_as_shipped(world: World, cube: Cube) -> dict[CellId, Decision]:
    """How the API decides now: the finest cube once; every cube asked for is a projection of
    it, so what the attacker holds is the union of the projections' published cells."""
    released = decide_release(
        cube.cells, production_relations(world, cube.cells), PrivacyRule(k=world.k), {}
    )
    finest = CubeData(dict(cube.cells))
    held: dict[CellId, Decision] = {}
    for weeks in (False, True):
        for breakdowns in (frozenset(), frozenset({"subject"})):
            key = CubeKey(RATINGS, "2026-2027", weeks, "t", breakdowns)
            for cell in project(finest, key).cells:
                held[cell] = released.decisions[cell]
    assert set(held) == set(cube.cells)  # the projections cover the finest cube
    return held


def test_the_lattice_decided_apart_leaks() -> None:
    """The leak, reproduced with the shipped relations and `suppress` as the API used them."""
    world = lattice_world(473)
    cube = build_cube(world)
    problems = attack(cube, decided_apart(world, cube), K).problems
    assert any("month:2027-06" in p and "subject" in p for p in problems), problems


def test_the_lattice_as_shipped_does_not_leak_in_that_world() -> None:
    world = lattice_world(473)
    cube = build_cube(world)
    assert attack(cube, decided_as_shipped(world, cube), K).problems == []


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32))
def test_the_lattice_as_shipped_does_not_leak(seed: int) -> None:
    world = lattice_world(seed)
    cube = build_cube(world)
    assert attack(cube, decided_as_shipped(world, cube), K).problems == []
