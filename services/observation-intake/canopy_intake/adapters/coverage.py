"""The queries coverage needs, by name: the schools and roster in a scope, walkthrough counts
per teacher and per observer in a window, and the district's weekly target. No commits here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from canopy_intake.adapters.db import CoverageTarget, TeacherSchool, Walkthrough, org_tables
from canopy_intake.domain.coverage import Window
from canopy_intake.domain.scope import ReadScope


@dataclass(frozen=True)
class TeacherVisits:
    teacher_id: str
    school_id: str
    walkthroughs: int  # in the window
    last_observed_on: date | None  # the latest visit up to the window's end


@dataclass(frozen=True)
class ObserverVisits:
    observer_id: str
    school_id: str
    walkthroughs: int
    assigned: bool  # assigned to observe at the school (else: a visit from their own school)


class CoverageRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def schools(self, scope: ReadScope) -> list[tuple[str, str]]:
        """(school id, name) of the scope's schools, by name."""
        table = org_tables.schools
        query = select(table.c.school_id, table.c.name).where(
            table.c.district_id == scope.district_id
        )
        if scope.school_id is not None:
            query = query.where(table.c.school_id == scope.school_id)
        return [(s, n) for s, n in self._session.execute(query.order_by(table.c.name))]

    def teachers(self, school_ids: Sequence[str], window: Window) -> list[TeacherVisits]:
        """Every rostered (teacher, school) pair with its visits; never-observed ones too."""
        in_window = func.sum(_between(window))
        visits = (
            select(
                Walkthrough.teacher_id,
                Walkthrough.school_id,
                func.coalesce(in_window, 0).label("walkthroughs"),
                func.max(Walkthrough.observed_on).label("last_observed_on"),
            )
            .where(Walkthrough.school_id.in_(school_ids), Walkthrough.observed_on <= window.last)
            .group_by(Walkthrough.teacher_id, Walkthrough.school_id)
            .subquery()
        )
        query = (
            select(
                TeacherSchool.teacher_id,
                TeacherSchool.school_id,
                visits.c.walkthroughs,
                visits.c.last_observed_on,
            )
            .outerjoin(
                visits,
                (visits.c.teacher_id == TeacherSchool.teacher_id)
                & (visits.c.school_id == TeacherSchool.school_id),
            )
            .where(TeacherSchool.school_id.in_(school_ids))
        )
        return [
            TeacherVisits(t, s, int(n or 0), last) for t, s, n, last in self._session.execute(query)
        ]

    def observers(self, school_ids: Sequence[str], window: Window) -> list[ObserverVisits]:
        """Observers assigned to these schools, and anyone who observed there in the window."""
        counted = (
            select(Walkthrough.observer_id, Walkthrough.school_id, func.count())
            .where(
                Walkthrough.school_id.in_(school_ids),
                Walkthrough.observed_on.between(window.first, window.last),
            )
            .group_by(Walkthrough.observer_id, Walkthrough.school_id)
        )
        visits = {(o, s): int(n) for o, s, n in self._session.execute(counted)}
        table = org_tables.observer_schools
        assigned_query = select(table.c.user_id, table.c.school_id).where(
            table.c.school_id.in_(school_ids)
        )
        assigned = {(o, s) for o, s in self._session.execute(assigned_query)}
        return [
            ObserverVisits(o, s, visits.get((o, s), 0), (o, s) in assigned)
            for o, s in sorted(assigned | set(visits))
        ]

    def target(self, district_id: str) -> CoverageTarget | None:
        return self._session.get(CoverageTarget, district_id)

    def save_target(self, target: CoverageTarget) -> None:
        self._session.merge(target)


def _between(window: Window) -> Any:
    return case((Walkthrough.observed_on.between(window.first, window.last), 1), else_=0)
