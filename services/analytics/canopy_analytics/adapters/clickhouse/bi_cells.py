"""The BI table `bi_published_cells`: which regions and school years to publish, and the insert."""

from __future__ import annotations

from typing import Any

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore

COLUMNS = [
    "region_id", "school_year", "measure", "template_id", "indicator_key", "org_level", "org_id",
    "period", "suppressed", "reason", "walkthroughs", "teachers", "mean_rating", "share_level",
    "share_display", "published_at",
]  # fmt: skip


def regions_with_connections(store: ClickHouseStore) -> list[str]:
    rows = store.query_rows("SELECT DISTINCT region_id FROM district_connections")
    return [region for (region,) in rows]


def school_years(
    store: ClickHouseStore, region_id: str, district_ids: tuple[str, ...]
) -> list[str]:
    """School years with walkthroughs the districts sent while connected to the region."""
    rows = store.query_rows(
        "SELECT DISTINCT school_year FROM observation_weekly"
        " WHERE region_id = {r:String} AND district_id IN {d:Array(String)} ORDER BY school_year",
        {"r": region_id, "d": list(district_ids)},
    )
    return [year for (year,) in rows]


def insert_cells(store: ClickHouseStore, rows: list[list[Any]]) -> None:
    if rows:
        store.insert("bi_published_cells", rows, COLUMNS)
