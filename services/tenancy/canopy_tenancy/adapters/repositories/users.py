"""Accounts (with their password hashes, which never leave this module but to be verified)
and observer assignments."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_tenancy.adapters.db import ObserverAssignmentModel, UserModel
from canopy_tenancy.adapters.repositories.rows import paginate, to_entity, write
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.users import ObserverAssignment, User


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, user_id: str) -> User | None:
        row = self._s.get(UserModel, user_id)
        return _user(row) if row else None

    def by_email(self, email: str, *, for_token: bool = False) -> tuple[User, str] | None:
        """The account and its password hash. `for_token`: a token is about to be issued from
        this row, so it is share-locked until the sign-in commits (PostgreSQL; SQLite
        serialises writers anyway): a concurrent role change or deactivation waits, and its
        revocation cutoff is then later than the token's `iat`."""
        query = select(UserModel).where(UserModel.email == email.lower())
        if for_token:
            query = query.with_for_update(read=True)
        row = self._s.scalars(query).first()
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
        search: str | None = None,
        active: bool | None = None,
    ) -> Page[User]:
        stmt = select(UserModel).order_by(UserModel.email)
        if org_ids is not None:
            stmt = stmt.where(UserModel.org_id.in_(list(org_ids)))
        if district_id is not None:
            stmt = stmt.where(UserModel.district_id == district_id)
        if roles is not None:
            stmt = stmt.where(UserModel.role.in_([r.value for r in roles]))
        if search:
            pattern = f"%{search.lower()}%"
            stmt = stmt.where(
                or_(
                    func.lower(UserModel.display_name).like(pattern),
                    func.lower(UserModel.email).like(pattern),
                )
            )
        if active is not None:
            stmt = stmt.where(UserModel.active.is_(active))
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

    def in_district(self, district_id: str, user_ids: Iterable[str]) -> list[ObserverAssignment]:
        """These users' assignments at the district's schools."""
        rows = self._s.scalars(
            select(ObserverAssignmentModel)
            .where(
                ObserverAssignmentModel.district_id == district_id,
                ObserverAssignmentModel.user_id.in_(list(user_ids)),
            )
            .order_by(ObserverAssignmentModel.user_id, ObserverAssignmentModel.school_id)
        )
        return [to_entity(ObserverAssignment, row) for row in rows]

    def of_role_in_district(self, district_id: str, role: Role) -> list[ObserverAssignment]:
        """Every assignment at the district's schools of a user with this role."""
        rows = self._s.scalars(
            select(ObserverAssignmentModel)
            .join(UserModel, UserModel.id == ObserverAssignmentModel.user_id)
            .where(ObserverAssignmentModel.district_id == district_id, UserModel.role == role.value)
            .order_by(ObserverAssignmentModel.user_id, ObserverAssignmentModel.school_id)
        )
        return [to_entity(ObserverAssignment, row) for row in rows]

    def at_school(self, school_id: str, page: PageRequest) -> Page[ObserverAssignment]:
        stmt = (
            select(ObserverAssignmentModel)
            .where(ObserverAssignmentModel.school_id == school_id)
            .order_by(ObserverAssignmentModel.user_id)
        )
        return paginate(self._s, stmt, page, lambda row: to_entity(ObserverAssignment, row))

    def schools_covered(self, district_id: str) -> int:
        """How many of the district's schools have at least one observer assigned."""
        schools = select(func.count(func.distinct(ObserverAssignmentModel.school_id))).where(
            ObserverAssignmentModel.district_id == district_id
        )
        return self._s.scalar(schools) or 0
