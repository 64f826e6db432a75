"""Repositories for organisations, connections, users and observer assignments: domain
objects in and out, SQL inside. Roster and sign-in repositories live beside this module."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_tenancy.db import (
    Base,
    DistrictModel,
    ObserverAssignmentModel,
    RegionModel,
    SchoolModel,
    UserModel,
)
from canopy_tenancy.domain.orgs import District, Region, School
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.users import ObserverAssignment, User

E = TypeVar("E")
M = TypeVar("M", bound=Base)


def to_entity(cls: type[E], model: Base, **overrides: Any) -> E:
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    return cls(**{name: overrides.get(name, getattr(model, name, None)) for name in names})


def write(session: Session, model_cls: type[M], entity: Any, **extra: Any) -> None:
    """Insert or update the row with the entity's primary key (columns named like fields)."""
    columns = model_cls.__table__.columns.keys()
    values = {f.name: getattr(entity, f.name) for f in dataclasses.fields(entity)}
    session.merge(model_cls(**{k: v for k, v in {**values, **extra}.items() if k in columns}))


def paginate(
    session: Session, stmt: Select[Any], page: PageRequest, convert: Callable[[Any], E]
) -> Page[E]:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.scalars(stmt.limit(page.limit).offset(page.offset)).all()
    return Page([convert(row) for row in rows], total, page.limit, page.offset)


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


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, user_id: str) -> User | None:
        row = self._s.get(UserModel, user_id)
        return _user(row) if row else None

    def by_email(self, email: str) -> tuple[User, str] | None:
        """The account and its password hash."""
        row = self._s.scalars(select(UserModel).where(UserModel.email == email.lower())).first()
        return (_user(row), row.password_hash) if row else None

    def add(self, user: User, password_hash: str) -> None:
        write(self._s, UserModel, user, password_hash=password_hash, **_enums(user))
        self._s.flush()

    def save(self, user: User) -> None:
        row = self._s.get(UserModel, user.id)
        assert row is not None, "save() updates an existing account"
        write(self._s, UserModel, user, password_hash=row.password_hash, **_enums(user))
        self._s.flush()

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        row = self._s.get(UserModel, user_id)
        if row is not None:
            row.password_hash = password_hash
            self._s.flush()

    def page(
        self,
        page: PageRequest,
        *,
        org_ids: Iterable[str] | None = None,
        district_id: str | None = None,
        roles: Iterable[Role] | None = None,
    ) -> Page[User]:
        stmt = select(UserModel).order_by(UserModel.email)
        if org_ids is not None:
            stmt = stmt.where(UserModel.org_id.in_(list(org_ids)))
        if district_id is not None:
            stmt = stmt.where(UserModel.district_id == district_id)
        if roles is not None:
            stmt = stmt.where(UserModel.role.in_([r.value for r in roles]))
        return paginate(self._s, stmt, page, _user)


def _enums(user: User) -> dict[str, str]:
    return {"role": user.role.value, "org_tier": user.org_tier.value}


def _user(row: UserModel) -> User:
    return to_entity(User, row, role=Role(row.role), org_tier=Tier(row.org_tier))


class ObserverRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, user_id: str, school_id: str) -> ObserverAssignment | None:
        row = self._s.get(ObserverAssignmentModel, (user_id, school_id))
        return to_entity(ObserverAssignment, row) if row else None

    def add(self, assignment: ObserverAssignment) -> None:
        write(self._s, ObserverAssignmentModel, assignment)
        self._s.flush()

    def remove(self, user_id: str, school_id: str) -> None:
        self._s.execute(
            delete(ObserverAssignmentModel).where(
                ObserverAssignmentModel.user_id == user_id,
                ObserverAssignmentModel.school_id == school_id,
            )
        )

    def of_user(self, user_id: str) -> list[ObserverAssignment]:
        rows = self._s.scalars(
            select(ObserverAssignmentModel)
            .where(ObserverAssignmentModel.user_id == user_id)
            .order_by(ObserverAssignmentModel.school_id)
        )
        return [to_entity(ObserverAssignment, row) for row in rows]

    def at_school(self, school_id: str, page: PageRequest) -> Page[ObserverAssignment]:
        stmt = (
            select(ObserverAssignmentModel)
            .where(ObserverAssignmentModel.school_id == school_id)
            .order_by(ObserverAssignmentModel.user_id)
        )
        return paginate(self._s, stmt, page, lambda row: to_entity(ObserverAssignment, row))
