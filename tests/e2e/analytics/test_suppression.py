"""Small schools stay hidden and cannot be recovered by subtracting published cells from their
district's total; questions about one teacher are refused or answered with nothing about them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.analytics.answers import check_heatmap, check_trends, questions
from tests.e2e.analytics.figures import Audit, K, select
from tests.e2e.analytics.world import Fact, World

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

# --- small schools: hidden, and not recoverable from the district's total ---------------------


def test_small_schools_are_hidden_and_not_recoverable_by_subtraction(world: World) -> None:
    small = [s for s in world.schools if world.teachers(s.id) < K]
    assert len(small) >= 3  # the plan's 5-, 6-, 7- and 8-teacher schools
    year = world.facts[0].period("school_year")
    districts = {
        r["org"]: r
        for r in world.leader.get("/v1/heatmap", template_id=world.template_id, by="district")[
            "rows"
        ]
    }
    for district in {s.district_id for s in small}:
        schools = world.leader.get(
            "/v1/heatmap", template_id=world.template_id, by="school", district_id=district
        )["rows"]
        total = districts[f"district:{district}"]
        for column, indicator in enumerate(world.indicators):
            cells = {row["org"]: row["cells"][column] for row in schools}
            _attack(world, district, indicator, total["cells"][column], cells, small, year)
        coverage = world.leader.get("/v1/coverage", granularity="school_year", district_id=district)
        (point,) = [p for p in coverage["over_time"] if p["period"] == year]
        _attack_counts(world, point["total"], point["parts"], small)
    for school in small:
        for granularity in ("week", "month", "school_year"):
            trend = world.leader.get(
                "/v1/trends",
                template_id=world.template_id,
                school_id=school.id,
                granularity=granularity,
            )
            points = [p for s in trend["series"] for p in s["points"]]
            assert all(p["suppressed"] or p["n"] == 0 for p in points), school.name


def _attack(
    world: World,
    district: str,
    indicator: str,
    total: dict[str, Any],
    cells: dict[str, dict[str, Any]],
    small: list[Any],
    year: str,
) -> None:
    """District minus its published schools: never one small school's figures."""
    hidden = [org for org, cell in cells.items() if cell["suppressed"]]
    for school in small:
        if school.district_id == district:
            assert cells[f"school:{school.id}"]["suppressed"], school.name
            assert cells[f"school:{school.id}"]["reasons"] == ["primary"], school.name
    # A secondary (complementary) cell protects a primary sibling here.
    if any(cells[o]["reasons"] == ["secondary"] for o in hidden):
        assert any(cells[o]["reasons"] == ["primary"] for o in hidden)
    assert not total["suppressed"]
    shown = [c for c in cells.values() if not c["suppressed"]]
    rest_n = total["n"] - sum(c["n"] for c in shown)
    rest_sum = total["mean_rating"] * total["n"] - sum(c["mean_rating"] * c["n"] for c in shown)
    rest = [f for f in world.facts if f"school:{f.school_id}" in hidden]
    assert rest_n == len(rest)  # the subtraction works, and reveals the hidden *group* only
    assert (
        abs(rest_sum - sum(f.ratings[indicator] for f in rest))
        <= 0.005 * (len(shown) + 1) * total["n"]
    )
    assert len(hidden) >= 2 and len({f.teacher_id for f in rest}) >= K
    for school in small:
        own = [f for f in world.facts if f.school_id == school.id]
        if school.district_id == district:
            assert rest_n > len(own), f"{school.name} = district - published schools"


def _attack_counts(
    world: World, total: dict[str, Any], parts: list[dict[str, Any]], small: list[Any]
) -> None:
    hidden = [p["org"] for p in parts if p["suppressed"]]
    assert not total["suppressed"] and len(hidden) >= 2
    rest = total["walkthroughs"] - sum(p["walkthroughs"] for p in parts if not p["suppressed"])
    for school in small:
        if f"school:{school.id}" in [p["org"] for p in parts]:
            assert f"school:{school.id}" in hidden
            assert rest > len([f for f in world.facts if f.school_id == school.id])


# --- teacher-level questions get nothing about a teacher --------------------------------------


def test_teacher_level_questions_get_no_row_about_a_teacher(world: World) -> None:
    teacher = world.facts[0].teacher_id
    for path in ("/v1/trends", "/v1/heatmap", "/v1/distribution"):
        for param in (
            "teacher_id",
            "teacher_pseudonym",
            "pseudonym",
            "observer_id",
            "observation_id",
        ):
            answer = world.leader.raw(
                "GET", path, params={"template_id": world.template_id, param: teacher}
            )
            assert answer.status_code == 422, (path, param, answer.text)
    for path in ("/v1/coverage", "/v1/summary"):
        answer = world.leader.raw("GET", path, params={"teacher_id": teacher})
        assert answer.status_code == 422, (path, answer.text)
    audit = Audit()
    for fact in _lone_teacher_slices(world)[:4]:
        # Narrowed to one school, subject, grade band and week where one teacher was observed.
        params = {
            "school_id": fact.school_id,
            "subject": fact.subject,
            "grade_band": fact.grade_band,
        }
        trend = check_trends(world, audit, world.leader, granularity="week", **params)
        point = next(p for p in trend["series"][0]["points"] if p["period"] == fact.period("week"))
        assert point == {
            **{k: point[k] for k in ("period", "start", "end")},
            "suppressed": True,
            "reasons": ["primary"],
        }
        answer = world.leader.get(
            "/v1/distribution", template_id=world.template_id, period=fact.period("month"), **params
        )
        facts = select(
            world.facts,
            answer["org"],
            period=answer["period"],
            subject=fact.subject,
            grade_band=fact.grade_band,
        )
        for cell in answer["indicators"]:
            audit.levels(cell, facts, cell["indicator"], f"distribution {params}")
        check_heatmap(
            world,
            audit,
            by="school",
            district_id=fact.district_id,
            subject=fact.subject,
            grade_band=fact.grade_band,
            period=fact.period("week"),
        )
    assert audit.primary > 0
    everything = "".join(world.leader.raw("GET", p, params=q).text for p, q in questions(world))
    assert not any(t in everything for t in {f.teacher_id for f in world.facts})


def _lone_teacher_slices(world: World) -> list[Fact]:
    groups: dict[tuple[str, str, str, str], set[str]] = {}
    for f in world.facts:
        groups.setdefault((f.school_id, f.subject, f.grade_band, f.period("week")), set()).add(
            f.teacher_id
        )
    lone = [key for key, teachers in groups.items() if len(teachers) == 1]
    assert lone
    return [
        next(
            f
            for f in world.facts
            if (f.school_id, f.subject, f.grade_band, f.period("week")) == key
        )
        for key in lone
    ]
