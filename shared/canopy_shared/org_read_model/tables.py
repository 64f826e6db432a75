"""The read model's tables, defined on a service's own metadata (so its Alembic migrations and
its "migrations match the models" tests see them like any other table of that service)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, MetaData, String, Table

from canopy_shared.db import ID

NAME = String(200)


@dataclass(frozen=True)
class OrgTables:
    districts: Table
    schools: Table
    observer_schools: Table
    regions: Table | None  # None: the service does not keep regions


def define_org_tables(
    metadata: MetaData, *, with_regions: bool, index_district_region: bool
) -> OrgTables:
    """`with_regions`: keep `org_regions` (template distribution names regions; intake never
    does). `index_district_region`: index districts by region (template distribution lists a
    region's connected districts; intake only looks districts up by id)."""
    return OrgTables(
        districts=Table(
            "org_districts",
            metadata,
            Column("district_id", ID, primary_key=True),
            Column("name", NAME, nullable=True),
            Column("region_id", ID, nullable=True, index=index_district_region),
        ),
        schools=Table(
            "org_schools",
            metadata,
            Column("school_id", ID, primary_key=True),
            Column("district_id", ID, nullable=False, index=True),
            Column("name", NAME, nullable=False),
        ),
        observer_schools=Table(
            "org_observer_schools",
            metadata,
            Column("user_id", ID, primary_key=True),
            Column("school_id", ID, primary_key=True),
        ),
        regions=Table(
            "org_regions",
            metadata,
            Column("region_id", ID, primary_key=True),
            Column("name", NAME, nullable=False),
        )
        if with_regions
        else None,
    )
