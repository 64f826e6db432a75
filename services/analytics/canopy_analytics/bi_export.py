"""Publishing a region's decided cells for BI tools (`python -m canopy_analytics publish-bi`).

BI tools never compute: they read `bi_published_cells` through per-region views
(deploy/clickhouse/). The cells are the same decided cubes the API answers from (school years
and months, all templates and each template's indicators), so a BI user and an API user see
the same figures and the same suppressions. Suppressed cells carry their public reason only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from canopy_analytics.clickhouse import ClickHouseStore
from canopy_analytics.context import Context
from canopy_analytics.cube import RATINGS, WALKTHROUGHS
from canopy_analytics.decisions import CubeCache, CubeKey, DecidedCube, Decider
from canopy_analytics.directory import Directory
from canopy_analytics.figures import Tally, rating_cell
from canopy_analytics.privacy import CellId, PrivacyRule, public_reasons
from canopy_analytics.reports import chosen_level
from canopy_analytics.scope import REGION, Scope

COLUMNS = [
    "region_id", "school_year", "measure", "template_id", "indicator_key", "org_level", "org_id",
    "period", "suppressed", "reason", "walkthroughs", "teachers", "mean_rating", "share_level",
    "share_display", "published_at",
]  # fmt: skip


def publish_all(store: ClickHouseStore, rule: PrivacyRule) -> int:
    regions = store.query_rows("SELECT DISTINCT region_id FROM district_connections")
    return sum(publish_region(store, rule, region) for (region,) in regions)


def publish_region(store: ClickHouseStore, rule: PrivacyRule, region_id: str) -> int:
    directory = Directory(store)
    scope = Scope(REGION, region_id, region_id, tuple(directory.connected_districts(region_id)))
    if not scope.district_ids:
        return 0
    ctx = Context(
        store, scope, directory, Decider(store, rule, scope, CubeCache()), Tally(rule, True)
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: list[list[Any]] = []
    for year in _school_years(ctx):
        walkthroughs = ctx.decider.cube(CubeKey(WALKTHROUGHS, year))
        rows += [_row(ctx, year, walkthroughs, cell, now) for cell in walkthroughs.data.cells]
        for template_id in ctx.templates_with_data():
            decided = ctx.decider.cube(CubeKey(RATINGS, year, template_id=template_id))
            rows += [_row(ctx, year, decided, cell, now) for cell in decided.data.cells]
    if rows:
        store.insert("bi_published_cells", rows, COLUMNS)
    return len(rows)


def _school_years(ctx: Context) -> list[str]:
    rows = ctx.store.query_rows(
        "SELECT DISTINCT school_year FROM observation_weekly"
        " WHERE region_id = {r:String} AND district_id IN {d:Array(String)} ORDER BY school_year",
        {"r": ctx.scope.org_id, "d": list(ctx.scope.district_ids)},
    )
    return [year for (year,) in rows]


def _row(ctx: Context, year: str, decided: DecidedCube, cell: CellId, now: datetime) -> list:
    dims = dict(cell)
    level, _, org_id = dims["org"].partition(":")
    template, indicator = dims.get("template", ""), dims.get("indicator", "")
    figures = _figures(ctx, decided, cell, template, indicator)
    decision = decided.decision(cell)
    reason = ",".join(public_reasons(decision))
    return [
        ctx.scope.org_id,
        year,
        RATINGS if indicator else WALKTHROUGHS,
        template,
        indicator,
        level,
        org_id,
        dims["period"],
        int(not decision.published),
        reason,
        *figures,
        now,
    ]


def _figures(ctx: Context, decided: DecidedCube, cell: CellId, template: str, indicator: str):
    if not decided.decision(cell).published:
        return [None, None, None, None, None]
    stats = decided.data.cells[cell]
    if not indicator:
        return [stats.walkthroughs, stats.teachers, None, None, None]
    spec = ctx.directory.template(template)
    found = spec.indicator(indicator) if spec else None
    level = chosen_level(found, None) if found else 1
    shown = rating_cell(decided, cell, level, ctx.tally)
    share = shown["share"] or {}
    return [shown["n"], shown["teachers"], shown["mean_rating"], level, share.get("display")]
