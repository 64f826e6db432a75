"""An attacker who sees everything an answer publishes (every published cell, every relation
between cells, and which hidden cells are empty) tries to recover hidden cells with exact
rational linear algebra, and to read small or uniform groups off totals minus published parts.

Worlds are random region -> district -> school networks observed over weeks that straddle
month and school-year boundaries, with and without a subject breakdown, built from individual
walkthroughs so every cell's distinct teachers are known exactly.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from canopy_analytics.domain.cubes import BREAKDOWNS
from canopy_analytics.domain.privacy.model import (
    CellId,
    CellStats,
    Decision,
    PrivacyRule,
    Relation,
)
from canopy_analytics.domain.privacy.relations import cell_id, cube_hierarchies, relations_for
from canopy_analytics.domain.privacy.suppression import suppress

MEASURES = ("walkthroughs", "ratings", "rating_sum", "at_or_above")
LEVEL = 3  # the share published is "rated 3 or above"


@dataclass(frozen=True)
class Walkthrough:
    teacher: str
    school: str
    monday: date
    subject: str | None
    rating: int


@dataclass
class World:
    school_district: dict[str, str]
    walkthroughs: list[Walkthrough]
    subjects: tuple[str, ...]  # empty: no subject breakdown
    k: int


@dataclass
class Cube:
    cells: dict[CellId, CellStats]
    teachers: dict[CellId, frozenset[str]]
    relations: list[Relation]  # built here, independently of relations_for


@dataclass
class Findings:
    recovered: dict[CellId, tuple[Fraction, ...]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


# --- building a cube the slow, obvious way ----------------------------------------------------


def _periods(monday: date) -> tuple[str, str, str]:
    thursday = monday + timedelta(days=3)
    start = thursday.year if thursday.month >= 7 else thursday.year - 1
    return (
        f"week:{monday.isoformat()}",
        f"month:{thursday.year:04d}-{thursday.month:02d}",
        f"school_year:{start}-{start + 1}",
    )


def build_cube(world: World) -> Cube:
    members: defaultdict[CellId, list[Walkthrough]] = defaultdict(list)
    for w in world.walkthroughs:
        district = world.school_district[w.school]
        for org in (f"school:{w.school}", f"district:{district}", "region:r"):
            for period in _periods(w.monday):
                for subject in (w.subject, None) if world.subjects else (None,):
                    members[cell_id(org=org, period=period, subject=subject)].append(w)
    cells = {cell: _stats(ws) for cell, ws in members.items()}
    teachers = {cell: frozenset(w.teacher for w in ws) for cell, ws in members.items()}
    return Cube(cells, teachers, _relations(world, set(cells)))


def _stats(walkthroughs: list[Walkthrough]) -> CellStats:
    ratings = [w.rating for w in walkthroughs]
    return CellStats(
        teachers=len({w.teacher for w in walkthroughs}),
        walkthroughs=len(walkthroughs),
        ratings=len(ratings),
        rating_sum=sum(ratings),
        at_or_above=sum(r >= LEVEL for r in ratings),
        min_value=min(ratings),
        max_value=max(ratings),
    )


def _relations(world: World, cells: set[CellId]) -> list[Relation]:
    org_parent = {f"school:{s}": f"district:{d}" for s, d in world.school_district.items()}
    org_parent |= {f"district:{d}": "region:r" for d in world.school_district.values()}
    period_parent = {}
    for w in world.walkthroughs:
        week, month, year = _periods(w.monday)
        period_parent[week], period_parent[month] = month, year
    children: defaultdict[tuple[CellId, str], list[CellId]] = defaultdict(list)
    for cell in cells:
        dims = dict(cell)
        for dim, parent_of in (("org", org_parent), ("period", period_parent)):
            if dims[dim] in parent_of:
                parent = cell_id(**(dims | {dim: parent_of[dims[dim]]}))
                children[parent, dim].append(cell)
        if "subject" in dims:
            children[cell_id(**(dims | {"subject": None})), "subject"].append(cell)
    return [Relation(p, tuple(c)) for (p, _), c in children.items() if p in cells]


def production_relations(world: World, cells: dict[CellId, CellStats]) -> list[Relation]:
    """The relations the region API decides a cube with (`services.decisions.CubeDecider`)."""
    hierarchies = cube_hierarchies(
        cells,
        school_district=world.school_district,
        district_region={d: "r" for d in world.school_district.values()},
        breakdowns=BREAKDOWNS,
    )
    return relations_for(cells, hierarchies)


# --- the attacker ---------------------------------------------------------------------------


def attack(cube: Cube, decisions: dict[CellId, Decision], k: int) -> Findings:
    """Everything the published answer gives away, judged against the hidden truth."""
    findings = Findings()
    published = {c for c, d in decisions.items() if d.published}
    known = published | {c for c in cube.cells if cube.cells[c].is_empty}
    for cell in sorted(published):
        stats = cube.cells[cell]
        if stats.teachers < k or _uniform(stats.at_or_above, stats.ratings, [stats]):
            findings.problems.append(f"published cell {cell} is small or uniform: {stats}")
    findings.recovered = _solve(cube, known)
    for cell in findings.recovered:
        findings.problems.append(f"hidden cell {cell} recovered exactly")
    for relation in cube.relations:
        if relation.parent in published:
            _check_difference(cube, relation, known, k, findings)
    return findings


def _check_difference(
    cube: Cube, relation: Relation, known: set[CellId], k: int, findings: Findings
) -> None:
    """The parent minus its known children reveals the hidden children as one group."""
    group = [c for c in relation.children if c not in known]
    if not group:
        return
    teachers = frozenset().union(*(cube.teachers[c] for c in group))
    parts = [cube.cells[c] for c in group]
    share = sum(p.at_or_above or 0 for p in parts)
    if len(group) < 2 or len(teachers) < k or _uniform(share, sum(p.ratings for p in parts), parts):
        findings.problems.append(
            f"{relation.parent} minus its published children reveals {len(group)} cell(s) "
            f"with {len(teachers)} teachers"
        )


def _uniform(at_or_above: int | None, ratings: int, parts: list[CellStats]) -> bool:
    if not ratings:
        return False
    lows = {p.min_value for p in parts if p.ratings}
    highs = {p.max_value for p in parts if p.ratings}
    return at_or_above in (0, ratings) or (len(lows | highs) == 1)


def _solve(cube: Cube, known: set[CellId]) -> dict[CellId, tuple[Fraction, ...]]:
    """Gauss-Jordan elimination over the rationals on every relation, unknowns = hidden
    non-empty cells, right-hand side = the published measures. Returns the unknowns whose
    reduced row has no other unknown: their values, exactly."""
    unknowns = sorted({c for r in cube.relations for c in (r.parent, *r.children)} - known)
    rows: list[tuple[dict[CellId, Fraction], list[Fraction]]] = []
    for relation in cube.relations:
        coefficients: dict[CellId, Fraction] = {}
        rhs = [Fraction(0)] * len(MEASURES)
        for cell, sign in [(relation.parent, 1)] + [(c, -1) for c in relation.children]:
            if cell in known:
                values = _measures(cube.cells[cell])
                rhs = [total - sign * value for total, value in zip(rhs, values, strict=True)]
            else:
                coefficients[cell] = Fraction(sign)
        rows.append((coefficients, rhs))
    pivots: dict[CellId, int] = {}
    for unknown in unknowns:
        candidates = [
            i for i, (co, _) in enumerate(rows) if unknown in co and i not in pivots.values()
        ]
        if not candidates:
            continue
        pivot = candidates[0]
        coefficients, rhs = rows[pivot]
        scale = coefficients[unknown]
        rows[pivot] = ({c: v / scale for c, v in coefficients.items()}, [v / scale for v in rhs])
        for i, (other, other_rhs) in enumerate(rows):
            if i != pivot and unknown in other:
                rows[i] = _subtract(other, other_rhs, other[unknown], rows[pivot])
        pivots[unknown] = pivot
    for coefficients, rhs in rows:  # the data is consistent: nothing contradicts
        assert coefficients or not any(rhs)
    return {
        unknown: tuple(rows[row][1])
        for unknown, row in pivots.items()
        if list(rows[row][0]) == [unknown]
    }


def _subtract(
    coefficients: dict[CellId, Fraction],
    rhs: list[Fraction],
    factor: Fraction,
    pivot: tuple[dict[CellId, Fraction], list[Fraction]],
) -> tuple[dict[CellId, Fraction], list[Fraction]]:
    result = dict(coefficients)
    for cell, value in pivot[0].items():
        result[cell] = result.get(cell, Fraction(0)) - factor * value
        if not result[cell]:
            del result[cell]
    return result, [a - factor * b for a, b in zip(rhs, pivot[1], strict=True)]


def _measures(stats: CellStats) -> list[Fraction]:
    return [Fraction(getattr(stats, m) or 0) for m in MEASURES]


# --- worlds -----------------------------------------------------------------------------------

SUBJECT_SETS = ((), ("math", "ela"), ("math", "ela", "science"))


@st.composite
def worlds(draw: st.DrawFn) -> World:
    rng = random.Random(draw(st.integers(0, 2**32)))
    k = draw(st.sampled_from([5, 10]))
    subjects = draw(st.sampled_from(SUBJECT_SETS))
    # Weeks around the July 1 school-year boundary and a month boundary.
    first = date(2027, 5, 24) + timedelta(weeks=draw(st.integers(0, 4)))
    weeks = draw(st.integers(1, 8))
    school_district: dict[str, str] = {}
    walkthroughs = []
    for d in range(draw(st.integers(1, 3))):
        for s in range(draw(st.integers(1, 4))):
            school = f"d{d}s{s}"
            school_district[school] = f"d{d}"
            uniform = rng.random() < 0.2  # some schools rate everybody alike
            for t in range(draw(st.integers(1, 25))):
                subject = rng.choice(subjects) if subjects else None
                for _ in range(rng.randrange(0, 4)):
                    walkthroughs.append(
                        Walkthrough(
                            teacher=f"{school}t{t}",
                            school=school,
                            monday=first + timedelta(weeks=rng.randrange(weeks)),
                            subject=subject,
                            rating=3 if uniform else rng.randint(1, 4),
                        )
                    )
    return World(school_district, walkthroughs, subjects, k)


def _decide(world: World, cube: Cube, **kwargs) -> dict[CellId, Decision]:
    relations = production_relations(world, cube.cells)
    return suppress(cube.cells, relations, PrivacyRule(k=world.k), **kwargs)


@settings(max_examples=40, deadline=None)
@given(worlds())
def test_nothing_hidden_can_be_recovered_from_everything_published(world: World) -> None:
    cube = build_cube(world)
    findings = attack(cube, _decide(world, cube), world.k)
    assert findings.problems == []


@settings(max_examples=40, deadline=None)
@given(worlds())
def test_production_relations_are_the_obvious_ones(world: World) -> None:
    cube = build_cube(world)
    production = {
        (r.parent, frozenset(r.children)) for r in production_relations(world, cube.cells)
    }
    obvious = {(r.parent, frozenset(r.children)) for r in cube.relations}
    assert production == obvious


@settings(max_examples=30, deadline=None)
@given(worlds())
def test_a_finer_cube_decided_on_a_coarser_one_is_still_safe(world: World) -> None:
    """Months first (as a dashboard asks), then weeks with the months' decisions fixed: the
    attacker sees both answers together."""
    cube = build_cube(world)
    coarse_ids = {c for c in cube.cells if not dict(c)["period"].startswith("week:")}
    coarse = Cube(
        {c: cube.cells[c] for c in coarse_ids},
        {c: cube.teachers[c] for c in coarse_ids},
        [r for r in cube.relations if set(r.cells) <= coarse_ids],
    )
    coarse_decisions = _decide(world, coarse)
    fine_decisions = _decide(world, cube, fixed=coarse_decisions)
    for cell, decision in coarse_decisions.items():
        assert fine_decisions[cell] == decision  # the public coarse answer never changes
    assert attack(cube, fine_decisions, world.k).problems == []


def test_a_lone_small_school_is_hidden_with_a_sibling() -> None:
    walkthroughs = [
        Walkthrough(f"{school}t{t}", school, date(2026, 9, 7), None, 1 + (t % 4))
        for school, teachers in (("small", 4), ("big1", 12), ("big2", 15))
        for t in range(teachers)
    ]
    world = World({"small": "d", "big1": "d", "big2": "d"}, walkthroughs, (), 10)
    cube = build_cube(world)
    decisions = _decide(world, cube)
    school = {
        s: decisions[cell_id(org=f"school:{s}", period="month:2026-09")]
        for s in ("small", "big1", "big2")
    }
    assert not school["small"].published and school["small"].reasons[0].startswith("primary")
    assert sum(not d.published for d in school.values()) == 2
    assert decisions[cell_id(org="district:d", period="month:2026-09")].published
    assert attack(cube, decisions, 10).problems == []


def test_a_uniform_cell_is_hidden_even_when_large() -> None:
    walkthroughs = [
        Walkthrough(
            f"{school}t{t}", school, date(2026, 9, 7), None, 4 if school == "a" else t % 4 + 1
        )
        for school in ("a", "b", "c")
        for t in range(12)
    ]
    world = World({"a": "d", "b": "d", "c": "d"}, walkthroughs, (), 10)
    decisions = _decide(world, build_cube(world))
    uniform = decisions[cell_id(org="school:a", period="week:2026-09-07")]
    assert not uniform.published and "uniform" in uniform.reasons[0]


def _sub_cube(cube: Cube, keep) -> Cube:
    ids = {c for c in cube.cells if keep(dict(c))}
    return Cube(
        {c: cube.cells[c] for c in ids},
        {c: cube.teachers[c] for c in ids},
        [r for r in cube.relations if set(r.cells) <= ids],
    )


@settings(max_examples=25, deadline=None)
@given(worlds().filter(lambda w: bool(w.subjects)))
def test_the_production_lattice_of_cubes_is_safe_as_a_whole(world: World) -> None:
    """As the API decides them: months; then weeks, and months by subject, each fixed on the
    months; then weeks by subject fixed on both. The attacker holds all four answers."""
    cube = build_cube(world)

    def coarse(d: dict) -> bool:
        return not d["period"].startswith("week:")

    months = _sub_cube(cube, lambda d: coarse(d) and "subject" not in d)
    weeks = _sub_cube(cube, lambda d: "subject" not in d)
    by_subject = _sub_cube(cube, coarse)
    first = _decide(world, months)
    fixed_weeks = _decide(world, weeks, fixed=first)
    fixed_subjects = _decide(world, by_subject, fixed=first)
    everything = _decide(world, cube, fixed={**fixed_weeks, **fixed_subjects})
    for answer in (first, fixed_weeks, fixed_subjects):
        for cell, decision in answer.items():
            assert everything[cell] == decision
    assert attack(cube, everything, world.k).problems == []
