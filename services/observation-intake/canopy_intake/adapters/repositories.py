"""Repositories: the queries use cases need, by name. No commits here (the unit of work's).

Walkthroughs are this service's own data; the roster and template read models are what it last
heard on the bus (written only by the bus handlers, read to validate and label walkthroughs).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, Table, delete, func, insert, select
from sqlalchemy.orm import Session

from canopy_intake.adapters.db import Acknowledgement, Holding, TeacherSchool, Walkthrough
from canopy_intake.adapters.db import TemplateVersion as Version
from canopy_intake.domain.scope import ReadScope
from canopy_shared.org_read_model.repository import OrgRepository


@dataclass(frozen=True)
class Filters:
    """What a reader narrows a list to (within their scope)."""

    school_id: str | None = None
    teacher_id: str | None = None
    observer_id: str | None = None
    template_id: str | None = None
    observed_from: date | None = None
    observed_to: date | None = None
    shared_with_teacher: bool | None = None


class WalkthroughRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, walkthrough: Walkthrough) -> None:
        self._session.add(walkthrough)

    def add_all(self, walkthroughs: Sequence[Walkthrough]) -> None:
        """Insert in one statement (the rows stay unattached to the session): a duplicate id
        raises IntegrityError here, not at commit."""
        if walkthroughs:
            self._session.execute(insert(_TABLE), [_values(w) for w in walkthroughs])

    def get(self, observation_id: str) -> Walkthrough | None:
        return self._session.get(Walkthrough, observation_id)

    def stored(self, observation_ids: Collection[str]) -> dict[str, Walkthrough]:
        query = select(Walkthrough).where(Walkthrough.observation_id.in_(observation_ids))
        return {w.observation_id: w for w in self._session.scalars(query)}

    def page(
        self, scope: ReadScope, filters: Filters, *, limit: int, offset: int
    ) -> tuple[Sequence[Walkthrough], int]:
        """One page, newest visit first, and how many match in all."""
        query = _filtered(_scoped(select(Walkthrough), scope), filters)
        total = self._session.scalar(select(func.count()).select_from(query.subquery())) or 0
        ordered = query.order_by(
            Walkthrough.observed_on.desc(),
            Walkthrough.observed_at.desc(),
            Walkthrough.observation_id,
        )
        return self._session.scalars(ordered.limit(limit).offset(offset)).all(), total

    def each(self, scope: ReadScope, filters: Filters) -> Iterator[Walkthrough]:
        """Every match, oldest visit first, read in batches (a district's whole history)."""
        query = _filtered(_scoped(select(Walkthrough), scope), filters).order_by(
            Walkthrough.observed_on, Walkthrough.observed_at, Walkthrough.observation_id
        )
        yield from self._session.scalars(query.execution_options(yield_per=500))

    def observed_between(
        self, first: date, last: date, district_id: str | None
    ) -> Sequence[Walkthrough]:
        query = select(Walkthrough).where(
            Walkthrough.observed_on >= first, Walkthrough.observed_on <= last
        )
        if district_id is not None:
            query = query.where(Walkthrough.district_id == district_id)
        return self._session.scalars(query.order_by(Walkthrough.submitted_at)).all()


class AcknowledgementRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, observation_id: str) -> Acknowledgement | None:
        return self._session.get(Acknowledgement, observation_id)

    def of(self, observation_ids: Collection[str]) -> dict[str, Acknowledgement]:
        query = select(Acknowledgement).where(Acknowledgement.observation_id.in_(observation_ids))
        return {a.observation_id: a for a in self._session.scalars(query)}

    def add(self, acknowledgement: Acknowledgement) -> None:
        """Flushed at once: a concurrent second answer collides on the primary key here."""
        self._session.add(acknowledgement)
        self._session.flush()


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


_TABLE = cast(Table, Walkthrough.__table__)
_COLUMNS = tuple(c.key for c in _TABLE.columns)


def _values(walkthrough: Walkthrough) -> dict[str, Any]:
    # A new row's values are in its __dict__; reading them there skips the ORM's attribute
    # machinery (12 % of a batch's time, #17). Anything not there is read the usual way.
    state = walkthrough.__dict__
    return {name: state[name] if name in state else getattr(walkthrough, name) for name in _COLUMNS}


def visible(walkthrough: Walkthrough, scope: ReadScope) -> bool:
    """The same rule as `_scoped`, for one walkthrough already loaded."""
    wanted = {
        "district_id": scope.district_id,
        "school_id": scope.school_id,
        "observer_id": scope.observer_id,
        "teacher_id": scope.teacher_id,
    }
    if any(v is not None and getattr(walkthrough, k) != v for k, v in wanted.items()):
        return False
    return walkthrough.shared_with_teacher or not scope.shared_only


def _scoped(query: Select[Any], scope: ReadScope) -> Select[Any]:
    columns = {
        Walkthrough.district_id: scope.district_id,
        Walkthrough.school_id: scope.school_id,
        Walkthrough.observer_id: scope.observer_id,
        Walkthrough.teacher_id: scope.teacher_id,
    }
    for column, value in columns.items():
        if value is not None:
            query = query.where(column == value)
    if scope.shared_only:
        query = query.where(Walkthrough.shared_with_teacher.is_(True))
    return query


def _filtered(query: Select[Any], filters: Filters) -> Select[Any]:
    columns = {
        Walkthrough.school_id: filters.school_id,
        Walkthrough.teacher_id: filters.teacher_id,
        Walkthrough.observer_id: filters.observer_id,
        Walkthrough.template_id: filters.template_id,
    }
    for column, value in columns.items():
        if value is not None:
            query = query.where(column == value)
    if filters.observed_from is not None:
        query = query.where(Walkthrough.observed_on >= filters.observed_from)
    if filters.observed_to is not None:
        query = query.where(Walkthrough.observed_on <= filters.observed_to)
    if filters.shared_with_teacher is not None:
        query = query.where(Walkthrough.shared_with_teacher.is_(filters.shared_with_teacher))
    return query
