"""The teacher roster and its import reports. Names and emails stay in these tables."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from canopy_tenancy.adapters.db import RosterImportModel, TeacherModel, TeacherSchoolModel
from canopy_tenancy.adapters.repositories.rows import paginate, to_entity, write
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.roster import ImportRecord, Teacher


class RosterRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, teacher_id: str) -> Teacher | None:
        row = self._s.get(TeacherModel, teacher_id)
        return self._teachers([row])[0] if row else None

    def by_source(self, district_id: str) -> dict[str, Teacher]:
        rows = self._s.scalars(
            select(TeacherModel).where(
                TeacherModel.district_id == district_id, TeacherModel.source_id.is_not(None)
            )
        ).all()
        return {t.source_id: t for t in self._teachers(rows) if t.source_id}

    def source_taken(self, district_id: str, source_id: str) -> bool:
        stmt = select(TeacherModel.id).where(
            TeacherModel.district_id == district_id, TeacherModel.source_id == source_id
        )
        return self._s.scalar(stmt) is not None

    def save(self, teacher: Teacher) -> None:
        write(self._s, TeacherModel, teacher)
        self._s.flush()
        current = set(
            self._s.scalars(
                select(TeacherSchoolModel.school_id).where(
                    TeacherSchoolModel.teacher_id == teacher.id
                )
            )
        )
        if gone := current - teacher.school_ids:
            self._s.execute(
                delete(TeacherSchoolModel).where(
                    TeacherSchoolModel.teacher_id == teacher.id,
                    TeacherSchoolModel.school_id.in_(gone),
                )
            )
        for school_id in sorted(teacher.school_ids - current):
            self._s.add(TeacherSchoolModel(teacher_id=teacher.id, school_id=school_id))
        self._s.flush()

    def page(
        self,
        page: PageRequest,
        *,
        district_id: str,
        school_ids: Iterable[str] | None = None,
        include_removed: bool = False,
        search: str | None = None,
    ) -> Page[Teacher]:
        stmt = (
            select(TeacherModel)
            .where(TeacherModel.district_id == district_id)
            .order_by(TeacherModel.family_name, TeacherModel.given_name, TeacherModel.id)
        )
        if school_ids is not None:
            members = select(TeacherSchoolModel.teacher_id).where(
                TeacherSchoolModel.school_id.in_(list(school_ids))
            )
            stmt = stmt.where(TeacherModel.id.in_(members))
        if not include_removed:
            stmt = stmt.where(TeacherModel.removed_at.is_(None))
        if search:
            pattern = f"%{search.lower()}%"
            stmt = stmt.where(
                or_(
                    func.lower(TeacherModel.given_name).like(pattern),
                    func.lower(TeacherModel.family_name).like(pattern),
                    func.lower(TeacherModel.email).like(pattern),
                )
            )
        page_of_rows = paginate(self._s, stmt, page, lambda row: row)
        items = self._teachers(page_of_rows.items)
        return Page(items, page_of_rows.total, page.limit, page.offset)

    def counts(self, school_ids: Iterable[str]) -> dict[str, int]:
        """Teachers on each school's roster (removed teachers belong to no school)."""
        wanted = list(school_ids)
        rows = self._s.execute(
            select(TeacherSchoolModel.school_id, func.count())
            .where(TeacherSchoolModel.school_id.in_(wanted))
            .group_by(TeacherSchoolModel.school_id)
        )
        found = {school_id: count for school_id, count in rows}
        return {school_id: found.get(school_id, 0) for school_id in wanted}

    def add_import(self, record: ImportRecord) -> None:
        write(self._s, RosterImportModel, record, report=json.dumps(record.report))
        self._s.flush()

    def import_(self, district_id: str, import_id: str) -> ImportRecord | None:
        row = self._s.get(RosterImportModel, import_id)
        if row is None or row.district_id != district_id:
            return None
        return to_entity(ImportRecord, row, report=json.loads(row.report))

    def applied_imports(self, district_id: str) -> int:
        applied = select(func.count(RosterImportModel.id)).where(
            RosterImportModel.district_id == district_id, RosterImportModel.applied.is_(True)
        )
        return self._s.scalar(applied) or 0

    def imports(self, district_id: str, page: PageRequest) -> Page[ImportRecord]:
        stmt = (
            select(RosterImportModel)
            .where(RosterImportModel.district_id == district_id)
            .order_by(RosterImportModel.imported_at.desc(), RosterImportModel.id)
        )
        return paginate(
            self._s,
            stmt,
            page,
            lambda row: to_entity(ImportRecord, row, report=json.loads(row.report)),
        )

    def _teachers(self, rows: Iterable[TeacherModel]) -> list[Teacher]:
        rows = list(rows)
        schools: dict[str, set[str]] = defaultdict(set)
        for start in range(0, len(rows), 500):  # bounded IN lists
            ids = [row.id for row in rows[start : start + 500]]
            links = self._s.execute(
                select(TeacherSchoolModel.teacher_id, TeacherSchoolModel.school_id).where(
                    TeacherSchoolModel.teacher_id.in_(ids)
                )
            )
            for teacher_id, school_id in links:
                schools[teacher_id].add(school_id)
        return [
            to_entity(Teacher, row, school_ids=frozenset(schools.get(row.id, ()))) for row in rows
        ]
