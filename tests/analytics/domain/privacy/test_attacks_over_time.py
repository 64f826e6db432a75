"""Attacks over time (issue #19): an attacker records every region answer after every cut of a
sequence of submissions — single walkthroughs, one teacher's burst, a district that joins late,
a district that disconnects — and tries to recover a hidden value or a single rating from
everything ever published, with exact rational algebra (`test_attacks.attack`).

The releases are decided exactly as the API decides them (`decide_release` with the previous
release, `production_relations`), over what each release holds: the walkthroughs of closed
months received by the month's cut (`domain.releases`). The attacker's system is built here
independently: every cell of the latest release, every earlier school-year value, and the
temporal relations between them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from canopy_analytics.domain.privacy.model import CellId, CellStats, Decision, PrivacyRule, Relation
from canopy_analytics.domain.privacy.over_time import Earlier, Released, decide_release
from canopy_analytics.domain.privacy.relations import cell_id
from tests.analytics.domain.privacy.test_attacks import (
    Cube,
    Walkthrough,
    World,
    attack,
    build_cube,
    production_relations,
)

FIRST_WEEK = date(2026, 8, 31)  # months of Thursdays: Sep (4 weeks), Oct (5), Nov (4)
WEEKS = 13
SUBJECT_SETS = ((), ("math", "ela"))


@dataclass(frozen=True)
class Arrival:
    walkthrough: Walkthrough
    step: int  # the cut after which it was received (steps are weeks)
    district: str


@dataclass
class Timeline:
    school_district: dict[str, str]
    arrivals: list[Arrival]
    joins: dict[str, int]  # district -> the step it connected at (0: from the start)
    leaves: dict[str, int]  # district -> the step it disconnected at
    subjects: tuple[str, ...]
    k: int

    def in_region(self, arrival: Arrival) -> bool:
        """Sent while connected: the fact carries the region id."""
        joined = self.joins.get(arrival.district, 0)
        left = self.leaves.get(arrival.district, WEEKS + 1)
        return joined <= arrival.step < left


def _month(monday: date) -> str:
    thursday = monday + timedelta(days=3)
    return f"month:{thursday:%Y-%m}"


def _closes_at_step(month: str) -> int:
    """The step (week index) after whose end the month has closed: its last week's."""
    return max(i for i in range(WEEKS) if _month(FIRST_WEEK + timedelta(weeks=i)) == month)


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    rng = random.Random(draw(st.integers(0, 2**32)))
    k = draw(st.sampled_from([5, 10]))
    subjects = draw(st.sampled_from(SUBJECT_SETS))
    school_district: dict[str, str] = {}
    teachers: list[tuple[str, str, str | None]] = []  # (teacher, school, subject)
    for d in range(draw(st.integers(1, 3))):
        for s in range(draw(st.integers(1, 3))):
            school = f"d{d}s{s}"
            school_district[school] = f"d{d}"
            for t in range(draw(st.integers(1, 16))):
                teachers.append(
                    (f"{school}t{t}", school, rng.choice(subjects) if subjects else None)
                )
    districts = sorted(set(school_district.values()))
    joins = {districts[-1]: draw(st.integers(0, WEEKS - 1))} if len(districts) > 1 else {}
    leaves = {districts[0]: draw(st.integers(1, WEEKS))} if draw(st.booleans()) else {}
    arrivals: list[Arrival] = []

    def arrive(teacher: tuple[str, str, str | None], week: int, step: int) -> None:
        name, school, subject = teacher
        monday = FIRST_WEEK + timedelta(weeks=week)
        w = Walkthrough(name, school, monday, subject, rng.randint(1, 4))
        arrivals.append(Arrival(w, step, school_district[school]))

    burst_step = draw(st.integers(0, WEEKS - 1))
    for step in range(WEEKS):
        for teacher in teachers:  # the ordinary flow, some of it filed a week or two late
            if rng.random() < 0.3:
                arrive(teacher, max(0, step - rng.choice((0, 0, 0, 1, 2))), step)
        if step == burst_step:  # one teacher's burst
            teacher = rng.choice(teachers)
            for _ in range(rng.randint(5, 20)):
                arrive(teacher, step, step)
        arrive(rng.choice(teachers), step, step)  # a single walkthrough
    return Timeline(school_district, arrivals, joins, leaves, subjects, k)


@dataclass
class Release:
    label: str
    added: tuple[str, ...]
    world: World
    cube: Cube
    released: Released


def releases(timeline: Timeline) -> list[Release]:
    """Every release the weekly cadence cuts that adds a month, decided as the API does."""
    out: list[Release] = []
    months: dict[str, int] = {}  # month -> the step it was released at
    for step in range(WEEKS):
        added = tuple(
            sorted(
                m
                for m in {_month(FIRST_WEEK + timedelta(weeks=i)) for i in range(WEEKS)}
                if m not in months and _closes_at_step(m) <= step
            )
        )
        if not added:
            continue
        months.update(dict.fromkeys(added, step))
        facts = [
            a.walkthrough
            for a in timeline.arrivals
            if timeline.in_region(a)
            and _month(a.walkthrough.monday) in months
            and a.step <= months[_month(a.walkthrough.monday)]
        ]
        world = World(timeline.school_district, facts, timeline.subjects, timeline.k)
        cube = build_cube(world)
        earlier = None
        if out:
            earlier = Earlier(out[-1].released, out[-1].label, added)
        released = decide_release(
            cube.cells, production_relations(world, cube.cells), PrivacyRule(k=world.k), {}, earlier
        )
        out.append(Release(max(added), added, world, cube, released))
    return out


def everything_published(history: list[Release]) -> tuple[Cube, dict[CellId, Decision]]:
    """The attacker's system: the latest release's cells, each earlier school-year value as a
    cell of its own, and YTD(r) = YTD(r-1) + the months added at r (built here)."""
    latest = history[-1]
    cells: dict[CellId, CellStats] = dict(latest.cube.cells)
    teachers = dict(latest.cube.teachers)
    relations: list[Relation] = list(latest.cube.relations)
    decisions: dict[CellId, Decision] = dict(latest.released.decisions)
    for before, after in pairwise(history):
        for cell, stats in before.cube.cells.items():
            if _year_cell(cell):
                old = _as_of(cell, before)
                cells[old], teachers[old] = stats, before.cube.teachers[cell]
                decisions[old] = before.released.decisions[cell]
        for cell in after.cube.cells:
            if not _year_cell(cell):
                continue
            parts = [_as_of(cell, before)] if cell in before.cube.cells else []
            months = (cell_id(**{**dict(cell), "period": month}) for month in after.added)
            parts += [m for m in months if m in after.cube.cells]
            relations.append(
                Relation(cell if after is latest else _as_of(cell, after), tuple(parts))
            )
    return Cube(cells, teachers, relations), decisions


def _year_cell(cell: CellId) -> bool:
    return dict(cell)["period"].startswith("school_year:")


def _as_of(cell: CellId, release: Release) -> CellId:
    return cell_id(**{**dict(cell), "period": f"{dict(cell)['period']}@{release.label}"})


@settings(max_examples=30, deadline=None)
@given(timelines())
def test_no_sequence_of_releases_reveals_a_hidden_value_or_a_rating(timeline: Timeline) -> None:
    history = releases(timeline)
    for before, after in pairwise(history):
        for cell, stats in before.cube.cells.items():
            if _year_cell(cell):
                continue
            # A released week or month never changes, nor does its decision.
            assert after.cube.cells[cell] == stats
            assert after.released.decisions[cell] == before.released.decisions[cell]
    cube, decisions = everything_published(history)
    assert attack(cube, decisions, timeline.k).problems == []


def test_one_walkthrough_after_a_release_changes_no_published_figure() -> None:
    """The differencing attack of issue #19: read, one more walkthrough, read again."""
    teachers = [(f"s{s}t{t}", f"s{s}") for s in range(3) for t in range(12)]
    day = FIRST_WEEK + timedelta(weeks=1)
    arrivals = [
        Arrival(Walkthrough(t, school, day, None, 1 + i % 4), 1, "d0")
        for i, (t, school) in enumerate(teachers)
    ]
    timeline = Timeline({f"s{s}": "d0" for s in range(3)}, arrivals, {}, {}, (), 10)
    before = releases(timeline)
    late = Arrival(Walkthrough("s0t0", "s0", day, None, 1), 6, "d0")  # after September's cut
    after = releases(Timeline(timeline.school_district, [*arrivals, late], {}, {}, (), 10))
    assert [r.cube.cells for r in before] == [r.cube.cells for r in after]
