"""Repositories of the read models: organisations, roster and templates as this service last
heard of them on the bus. Writes come only from the bus handlers; reads from validation."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from canopy_intake.db import District, Holding, ObserverSchool, School, TeacherSchool
from canopy_intake.db import TemplateVersion as Version


class OrgRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, item: District | School | ObserverSchool | TeacherSchool) -> None:
        self._session.add(item)

    def district(self, district_id: str) -> District | None:
        return self._session.get(District, district_id)

    def school(self, school_id: str) -> School | None:
        return self._session.get(School, school_id)

    def observes(self, user_id: str, school_id: str) -> bool:
        return self._session.get(ObserverSchool, (user_id, school_id)) is not None

    def stop_observing(self, user_id: str, school_id: str) -> None:
        self._session.execute(
            delete(ObserverSchool).where(
                ObserverSchool.user_id == user_id, ObserverSchool.school_id == school_id
            )
        )

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

    def held_by(self, org_id: str, version_id: str) -> bool:
        query = select(Holding.org_id).where(
            Holding.org_id == org_id, Holding.version_id == version_id
        )
        return self._session.execute(query.limit(1)).first() is not None
