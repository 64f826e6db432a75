"""The region's answers: fetched from analytics and checked, cell by cell, against the figures
computed here; and the fixed set of questions whose answers must never change or leak."""

from __future__ import annotations

from typing import Any

from canopy_shared.demo.client import Api
from tests.e2e.analytics.figures import LEVEL, Audit, select
from tests.e2e.analytics.world import World


def check_trends(world: World, audit: Audit, api: Api, **params: Any) -> dict[str, Any]:
    answer = api.get("/v1/trends", template_id=world.template_id, **params)
    org = answer["org"]
    where = {k: params.get(k) for k in ("subject", "grade_band")}
    for series in answer["series"]:
        assert series["level"] == params.get("level", LEVEL)
        for point in series["points"]:
            facts = select(world.facts, org, period=point["period"], **where)
            label = f"trends {params} {series['indicator']} {point['period']}"
            audit.rating(point, facts, series["indicator"], label, series["level"])
    return answer


def check_heatmap(world: World, audit: Audit, **params: Any) -> dict[str, Any]:
    answer = world.leader.get("/v1/heatmap", template_id=world.template_id, **params)
    breakdown = {k: params.get(k) for k in ("subject", "grade_band")}
    for row in answer["rows"]:
        facts = select(world.facts, row["org"], period=answer["period"], **breakdown)
        for cell in row["cells"]:
            label = f"heatmap {params} {row['org']} {cell['indicator']}"
            audit.rating(cell, facts, cell["indicator"], label, params.get("level", LEVEL))
    return answer


def questions(world: World) -> list[tuple[str, dict[str, Any]]]:
    """A spread of region questions (path, query): across the network and per district."""
    template = {"template_id": world.template_id}
    asked: list[tuple[str, dict[str, Any]]] = [
        ("/v1/summary", {}),
        ("/v1/coverage", {"granularity": "week"}),
        ("/v1/trends", {**template, "granularity": "week"}),
        (
            "/v1/trends",
            {**template, "granularity": "month", "subject": "math", "grade_band": "9-12"},
        ),
        ("/v1/heatmap", {**template, "by": "school"}),
        ("/v1/distribution", {**template, "grade_band": "PK-2"}),
    ]
    for district in world.network.districts:
        asked.append(("/v1/coverage", {"granularity": "month", "district_id": district.id}))
        asked.append(
            (
                "/v1/heatmap",
                {**template, "by": "school", "district_id": district.id, "subject": "ela"},
            )
        )
    return asked
