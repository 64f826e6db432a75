"""Repositories: the queries use cases need, by name. No commits here (the unit of work's)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, Table, func, insert, select
from sqlalchemy.orm import Session

from canopy_intake.db import Walkthrough
from canopy_intake.domain.scope import ReadScope


@dataclass(frozen=True)
class Filters:
    """What a reader narrows a list to (within their scope)."""

    school_id: str | None = None
    teacher_id: str | None = None
    observer_id: str | None = None
    template_id: str | None = None
    observed_from: date | None = None
    observed_to: date | None = None


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

    def observed_between(
        self, first: date, last: date, district_id: str | None
    ) -> Sequence[Walkthrough]:
        query = select(Walkthrough).where(
            Walkthrough.observed_on >= first, Walkthrough.observed_on <= last
        )
        if district_id is not None:
            query = query.where(Walkthrough.district_id == district_id)
        return self._session.scalars(query.order_by(Walkthrough.submitted_at)).all()


_TABLE = cast(Table, Walkthrough.__table__)
_COLUMNS = tuple(c.key for c in _TABLE.columns)


def _values(walkthrough: Walkthrough) -> dict[str, Any]:
    return {name: getattr(walkthrough, name) for name in _COLUMNS}


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
    return query
