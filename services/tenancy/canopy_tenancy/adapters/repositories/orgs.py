"""Regions, districts and schools."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from canopy_tenancy.adapters.db import DistrictModel, RegionModel, SchoolModel
from canopy_tenancy.adapters.repositories.rows import paginate, to_entity, write
from canopy_tenancy.domain.orgs import District, Region, School
from canopy_tenancy.domain.pages import Page, PageRequest


class OrgRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def region(self, region_id: str) -> Region | None:
        row = self._s.get(RegionModel, region_id)
        return to_entity(Region, row) if row else None

    def district(self, district_id: str) -> District | None:
        row = self._s.get(DistrictModel, district_id)
        return to_entity(District, row) if row else None

    def school(self, school_id: str) -> School | None:
        row = self._s.get(SchoolModel, school_id)
        return to_entity(School, row) if row else None

    def save(self, org: Region | District | School) -> None:
        model = {Region: RegionModel, District: DistrictModel, School: SchoolModel}[type(org)]
        write(self._s, model, org)
        self._s.flush()

    def region_named(self, name: str) -> Region | None:
        row = self._s.scalars(select(RegionModel).where(RegionModel.name == name)).first()
        return to_entity(Region, row) if row else None

    def districts(
        self, page: PageRequest, *, region_id: str | None = None, district_id: str | None = None
    ) -> Page[District]:
        stmt = select(DistrictModel).order_by(DistrictModel.name, DistrictModel.id)
        if region_id is not None:
            stmt = stmt.where(DistrictModel.region_id == region_id)
        if district_id is not None:
            stmt = stmt.where(DistrictModel.id == district_id)
        return paginate(self._s, stmt, page, lambda row: to_entity(District, row))

    def schools(
        self,
        page: PageRequest,
        *,
        region_id: str | None = None,
        district_id: str | None = None,
        school_ids: Iterable[str] | None = None,
    ) -> Page[School]:
        stmt = select(SchoolModel).order_by(SchoolModel.name, SchoolModel.id)
        if region_id is not None:
            connected = select(DistrictModel.id).where(DistrictModel.region_id == region_id)
            stmt = stmt.where(SchoolModel.district_id.in_(connected))
        if district_id is not None:
            stmt = stmt.where(SchoolModel.district_id == district_id)
        if school_ids is not None:
            stmt = stmt.where(SchoolModel.id.in_(list(school_ids)))
        return paginate(self._s, stmt, page, lambda row: to_entity(School, row))

    def schools_by_source(self, district_id: str) -> dict[str, School]:
        rows = self._s.scalars(
            select(SchoolModel).where(
                SchoolModel.district_id == district_id, SchoolModel.source_id.is_not(None)
            )
        )
        return {row.source_id: to_entity(School, row) for row in rows if row.source_id}
