"""The region's trends, heat maps, distributions, coverage and summary match figures computed
here from the walkthroughs submitted through intake; small cells are suppressed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.analytics.answers import check_heatmap, check_trends
from tests.e2e.analytics.figures import Audit, K, coded, select
from tests.e2e.analytics.world import World

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


def test_privacy_rule_is_published_with_the_default_k(world: World) -> None:
    rule = world.services.analytics.get("/v1/privacy-rule")
    assert rule["k"] == K


def test_trends_match_figures_computed_from_the_submitted_walkthroughs(world: World) -> None:
    audit = Audit()
    first = check_trends(world, audit, world.leader, granularity="month")
    assert first["suppression"]["applied"] is True and first["suppression"]["k"] == K
    check_trends(world, audit, world.leader, granularity="week", level=2)
    check_trends(world, audit, world.leader, granularity="school_year", level=4)
    for district in world.network.districts:
        check_trends(world, audit, world.leader, granularity="month", district_id=district.id)
    check_trends(world, audit, world.leader, granularity="month", subject="math")
    check_trends(world, audit, world.leader, granularity="month", grade_band="6-8")
    first_district = world.network.districts[0].id
    check_trends(
        world, audit, world.leader, district_id=first_district, subject="ela", grade_band="3-5"
    )
    for school in world.schools:
        check_trends(world, audit, world.leader, granularity="month", school_id=school.id)
    # Region-wide months and every district's months cover hundreds of teachers: all shown.
    months = {f.period("month") for f in world.facts}
    assert audit.published >= len(world.indicators) * len(months) * 5
    assert audit.primary > 0  # small schools' months are hidden


def test_heatmap_and_distribution_match(world: World) -> None:
    audit = Audit()
    by_district = check_heatmap(world, audit, by="district")
    assert not any(c["suppressed"] for r in by_district["rows"] for c in r["cells"])
    month = max(f.period("month") for f in world.facts)
    check_heatmap(world, audit, by="school")
    check_heatmap(world, audit, by="school", period=month)
    check_heatmap(world, audit, by="district", period=month, subject="science")
    for params in ({}, {"district_id": world.network.districts[1].id}, {"subject": "math"}):
        answer = world.leader.get("/v1/distribution", template_id=world.template_id, **params)
        facts = select(
            world.facts, answer["org"], period=answer["period"], subject=params.get("subject")
        )
        for cell in answer["indicators"]:
            audit.levels(cell, facts, cell["indicator"], f"distribution {params}")
    assert audit.published >= 30 and audit.primary > 0


def test_coverage_and_summary_match(world: World) -> None:
    audit = Audit()
    for district_id in (None, *[d.id for d in world.network.districts]):
        params = {"district_id": district_id} if district_id else {}
        answer = world.leader.get("/v1/coverage", granularity="month", **params)
        for point in answer["over_time"]:
            label = f"coverage {district_id} {point['period']}"
            audit.count(
                point["total"], select(world.facts, answer["org"], period=point["period"]), label
            )
            for part in point["parts"]:
                facts = select(world.facts, part["org"], period=point["period"])
                audit.count(part, facts, f"{label} {part['org']}")
        schools = world.schools if not district_id else _district(world, district_id).schools
        (year,) = answer["school_years"]
        _check_reach(world, audit, year, answer["org"], schools)
    summary = world.leader.get("/v1/summary")
    _check_reach(world, audit, summary["totals"], summary["org"], world.schools)
    assert [d["district_id"] for d in summary["districts"]] == sorted(
        d.id for d in world.network.districts
    )
    for row in summary["districts"]:
        _check_reach(
            world,
            audit,
            row,
            f"district:{row['district_id']}",
            _district(world, row["district_id"]).schools,
        )
    for month in summary["walkthroughs_by_month"]:
        audit.count(month, select(world.facts, summary["org"], period=month["period"]), "summary")
    (template,) = summary["templates"]
    assert template["template_id"] == world.template_id
    year = world.facts[0].period("school_year")
    for cell in template["indicators"]:
        facts = select(world.facts, summary["org"], period=year)
        audit.rating(cell, facts, cell["indicator"], "summary", cell["level"])
    assert audit.published >= 20


def _district(world: World, district_id: str) -> Any:
    return next(d for d in world.network.districts if d.id == district_id)


def _check_reach(
    world: World, audit: Audit, reach: dict[str, Any], org: str, schools: list[Any]
) -> None:
    facts = select(
        world.facts, org, period=reach["school_year"] and f"school_year:{reach['school_year']}"
    )
    rostered = sum(len(s.teacher_ids) for s in schools)
    visited = {f.school_id for f in facts}
    assert (reach["schools"], reach["schools_visited"]) == (len(schools), len(visited)), org
    assert reach["teachers_rostered"] == rostered, org
    audit.count(reach["teachers_observed"], facts, f"reach {org}")
    observed = len({f.teacher_id for f in facts})
    assert reach["share_schools_visited"] == coded(len(visited), len(schools))
    assert reach["share_teachers_observed"] == coded(observed, rostered)
