"""Reads and writes of the organisation read model, by name. No commits here: the caller's
unit of work owns the transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Row, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from canopy_shared.org_read_model.records import District, Region, School
from canopy_shared.org_read_model.tables import OrgTables


class OrgRepository:
    def __init__(self, session: Session, tables: OrgTables) -> None:
        self._session = session
        self._tables = tables

    # --- reads ---------------------------------------------------------------------------------

    def region(self, region_id: str) -> Region | None:
        table = self._regions
        row = self._session.execute(select(table).where(table.c.region_id == region_id)).first()
        return None if row is None else Region(row.region_id, row.name)

    def district(self, district_id: str) -> District | None:
        table = self._tables.districts
        query = select(table).where(table.c.district_id == district_id)
        row = self._session.execute(query).first()
        return None if row is None else _district(row)

    def school(self, school_id: str) -> School | None:
        table = self._tables.schools
        row = self._session.execute(select(table).where(table.c.school_id == school_id)).first()
        return None if row is None else _school(row)

    def connected_district_ids(self, region_id: str) -> list[str]:
        table = self._tables.districts
        query = select(table.c.district_id).where(table.c.region_id == region_id)
        return list(self._session.scalars(query.order_by(table.c.district_id)))

    def school_ids_by_district(self, district_ids: Iterable[str]) -> dict[str, list[str]]:
        table = self._tables.schools
        query = select(table.c.district_id, table.c.school_id).where(
            table.c.district_id.in_(list(district_ids))
        )
        found: dict[str, list[str]] = {}
        for district_id, school_id in self._session.execute(query.order_by(table.c.school_id)):
            found.setdefault(district_id, []).append(school_id)
        return found

    def schools_with_districts(
        self, school_ids: Collection[str]
    ) -> dict[str, tuple[School, District | None]]:
        schools, districts = self._tables.schools, self._tables.districts
        query = (
            select(schools, districts)
            .outerjoin(districts, districts.c.district_id == schools.c.district_id)
            .where(schools.c.school_id.in_(school_ids))
        )
        found: dict[str, tuple[School, District | None]] = {}
        for row in self._session.execute(query):
            school_id, district_id, name, known_district, district_name, region_id = row
            district = (
                None
                if known_district is None
                else District(known_district, district_name, region_id)
            )
            found[school_id] = (School(school_id, district_id, name), district)
        return found

    def observes(self, user_id: str, school_id: str) -> bool:
        return bool(self.observed_by(user_id, [school_id]))

    def observed_by(self, user_id: str, school_ids: Collection[str]) -> set[str]:
        """The schools of `school_ids` that `user_id` is assigned to observe at."""
        table = self._tables.observer_schools
        query = select(table.c.school_id).where(
            table.c.user_id == user_id, table.c.school_id.in_(school_ids)
        )
        return set(self._session.scalars(query))

    # --- writes (from the tenancy event handlers only) -----------------------------------------

    def save_region(self, region: Region) -> None:
        self._save(self._regions, {"region_id": region.region_id}, {"name": region.name})

    def save_district(self, district: District) -> None:
        self._save(
            self._tables.districts,
            {"district_id": district.district_id},
            {"name": district.name, "region_id": district.region_id},
        )

    def save_school(self, school: School) -> None:
        self._save(
            self._tables.schools,
            {"school_id": school.school_id},
            {"district_id": school.district_id, "name": school.name},
        )

    def start_observing(self, user_id: str, school_id: str) -> None:
        table = self._tables.observer_schools
        self._session.execute(insert(table).values(user_id=user_id, school_id=school_id))

    def stop_observing(self, user_id: str, school_id: str) -> None:
        table = self._tables.observer_schools
        self._session.execute(
            delete(table).where(table.c.user_id == user_id, table.c.school_id == school_id)
        )

    @property
    def _regions(self) -> Table:
        if self._tables.regions is None:
            raise LookupError("this service keeps no regions (define_org_tables(with_regions))")
        return self._tables.regions

    def _save(self, table: Table, key: dict[str, str], values: dict[str, Any]) -> None:
        """Update the row with this primary key, or insert it."""
        where = [table.c[name] == value for name, value in key.items()]
        updated = self._session.execute(update(table).where(*where).values(**values))
        if not getattr(updated, "rowcount", 0):
            self._session.execute(insert(table).values(**key, **values))


def _district(row: Row[Any]) -> District:
    return District(row.district_id, row.name, row.region_id)


def _school(row: Row[Any]) -> School:
    return School(row.school_id, row.district_id, row.name)
