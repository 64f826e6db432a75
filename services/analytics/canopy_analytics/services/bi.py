"""Publishing a region's decided cells for BI tools (`python -m canopy_analytics publish-bi`).

BI tools never compute: they read `bi_published_cells` through per-region views
(deploy/clickhouse/). The cells are the same decided cubes the API answers from (school years
and months, all templates and each template's indicators), so a BI user and an API user see
the same figures and the same suppressions. Suppressed cells carry their public reason only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from canopy_analytics.adapters.clickhouse import bi_cells
from canopy_analytics.adapters.clickhouse.dimensions import DimensionReader
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.cubes import RATINGS, WALKTHROUGHS, CubeKey, DecidedCube
from canopy_analytics.domain.disclosure import rating_cell
from canopy_analytics.domain.privacy.model import CellId, PrivacyRule
from canopy_analytics.domain.privacy.publication import public_reasons
from canopy_analytics.domain.releases import RegionReleases
from canopy_analytics.domain.scope import region_scope
from canopy_analytics.domain.templates import chosen_level
from canopy_analytics.services.reading import ScopedReader, reader_for


def publish_all(store: ClickHouseStore, rule: PrivacyRule, releases: RegionReleases) -> int:
    regions = bi_cells.regions_with_connections(store)
    return sum(publish_region(store, rule, region, releases) for region in regions)


def publish_region(
    store: ClickHouseStore, rule: PrivacyRule, region_id: str, releases: RegionReleases
) -> int:
    """Write the region's decided cells as of now (rows are versioned by `published_at`);
    returns how many were written."""
    scope = region_scope(region_id, DimensionReader(store).connected_districts(region_id))
    if not scope.district_ids:
        return 0
    reader = reader_for(scope, store, rule, LruMemo(), releases)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: list[list[Any]] = []
    for year in bi_cells.school_years(store, region_id, scope.district_ids):
        walkthroughs = reader.decided(CubeKey(WALKTHROUGHS, year))
        rows += [_row(reader, year, walkthroughs, cell, now) for cell in walkthroughs.data.cells]
        for template_id in reader.templates_with_data():
            decided = reader.decided(CubeKey(RATINGS, year, template_id=template_id))
            rows += [_row(reader, year, decided, cell, now) for cell in decided.data.cells]
    bi_cells.insert_cells(store, rows)
    return len(rows)


def _row(
    reader: ScopedReader, year: str, decided: DecidedCube, cell: CellId, now: datetime
) -> list[Any]:
    dims = dict(cell)
    level, _, org_id = dims["org"].partition(":")
    template, indicator = dims.get("template", ""), dims.get("indicator", "")
    figures = _figures(reader, decided, cell, template, indicator)
    decision = decided.decision(cell)
    reason = ",".join(public_reasons(decision))
    return [
        reader.scope.org_id,
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


def _figures(
    reader: ScopedReader, decided: DecidedCube, cell: CellId, template: str, indicator: str
) -> list[Any]:
    if not decided.decision(cell).published:
        return [None, None, None, None, None]
    stats = decided.data.cells[cell]
    if not indicator:
        return [stats.walkthroughs, stats.teachers, None, None, None]
    spec = reader.dimensions.template(template)
    found = spec.indicator(indicator) if spec else None
    level = chosen_level(found, None) if found else 1
    shown = rating_cell(decided, cell, level, reader.disclosure)
    share = shown["share"] or {}
    return [shown["n"], shown["teachers"], shown["mean_rating"], level, share.get("display")]
