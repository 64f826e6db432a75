"""Repositories of the read models: organisations, roster and templates as this service last
heard of them on the bus. Writes come only from the bus handlers; reads from validation."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from canopy_intake.db import Holding, TeacherSchool
from canopy_intake.db import TemplateVersion as Version
from canopy_shared.org_read_model.repository import OrgRepository


class RosterRepository(OrgRepository):
    """The shared organisation read model, with the teacher roster this service also keeps."""

    def rostered(self, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
        """The (teacher id, school id) pairs of `pairs` on the roster."""
        query = select(TeacherSchool.teacher_id, TeacherSchool.school_id).where(
            TeacherSchool.teacher_id.in_({t for t, _ in pairs}),
            TeacherSchool.school_id.in_({s for _, s in pairs}),
        )
        return {(t, s) for t, s in self._session.execute(query)} & set(pairs)

    def teaches_at(self, teacher_id: str, school_id: str) -> bool:
        return self._session.get(TeacherSchool, (teacher_id, school_id)) is not None

    def set_teacher_schools(
        self, teacher_id: str, district_id: str, school_ids: Iterable[str]
    ) -> None:
        """The teacher's schools become exactly `school_ids` (none: off the roster)."""
        self._session.execute(delete(TeacherSchool).where(TeacherSchool.teacher_id == teacher_id))
        for school_id in sorted(set(school_ids)):
            self._session.add(
                TeacherSchool(teacher_id=teacher_id, school_id=school_id, district_id=district_id)
            )


class TemplateRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, item: Version | Holding) -> None:
        self._session.add(item)

    def version(self, version_id: str) -> Version | None:
        return self._session.get(Version, version_id)

    def holding(self, assignment_id: str, org_id: str) -> Holding | None:
        return self._session.get(Holding, (assignment_id, org_id))

    def release(self, assignment_id: str, org_ids: Iterable[str]) -> None:
        self._session.execute(
            delete(Holding).where(
                Holding.assignment_id == assignment_id, Holding.org_id.in_(list(org_ids))
            )
        )

    def versions(self, version_ids: Collection[str]) -> dict[str, Version]:
        query = select(Version).where(Version.version_id.in_(version_ids))
        return {v.version_id: v for v in self._session.scalars(query)}

    def held(self, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
        """The (org id, version id) pairs of `pairs` that the organisation holds now."""
        query = select(Holding.org_id, Holding.version_id).where(
            Holding.org_id.in_({o for o, _ in pairs}),
            Holding.version_id.in_({v for _, v in pairs}),
        )
        return {(o, v) for o, v in self._session.execute(query)} & set(pairs)

    def held_by(self, org_id: str, version_id: str) -> bool:
        query = select(Holding.org_id).where(
            Holding.org_id == org_id, Holding.version_id == version_id
        )
        return self._session.execute(query.limit(1)).first() is not None
