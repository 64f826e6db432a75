"""Tenancy's entities, errors and rules. No I/O: no flask, sqlalchemy or kafka imports.

Authorization rules live in `access.py`, region connections in `connections.py`, the sign-in
throttle in `throttle.py`, OneRoster parsing in `oneroster.py`, roster change planning in
`roster.py`; this module holds what they all share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from canopy_shared.errors import Throttled, Unauthenticated

T = TypeVar("T")


class Tier(StrEnum):
    REGION = "region"
    DISTRICT = "district"
    SCHOOL = "school"


class Role(StrEnum):
    """ARCHITECTURE.md §1; the values are the `role` claim every service reads."""

    REGION_ADMIN = "region_admin"
    REGION_LEADER = "region_leader"
    DISTRICT_ADMIN = "district_admin"
    DISTRICT_LEADER = "district_leader"
    SCHOOL_ADMIN = "school_admin"
    OBSERVER = "observer"
    TEACHER = "teacher"

    @property
    def tier(self) -> Tier:
        return ROLE_TIERS[self]


ROLE_TIERS = {
    Role.REGION_ADMIN: Tier.REGION,
    Role.REGION_LEADER: Tier.REGION,
    Role.DISTRICT_ADMIN: Tier.DISTRICT,
    Role.DISTRICT_LEADER: Tier.DISTRICT,
    Role.SCHOOL_ADMIN: Tier.SCHOOL,
    Role.OBSERVER: Tier.SCHOOL,
    Role.TEACHER: Tier.SCHOOL,
}


# --- errors: values a caller can act on; the HTTP layer maps each kind to a status ---


class SignInFailed(Unauthenticated):
    """Wrong email or password, or a stale token: one message for every cause."""


class SignInThrottled(Throttled):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            f"too many failed sign-ins; try again in {retry_after_s} s",
            retry_after_s=retry_after_s,
            rule="sign-in throttle",
        )


# --- organisations ---


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class District:
    id: str
    name: str
    region_id: str | None  # the region it is connected to now; None: a standalone District Plan
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class School:
    id: str
    district_id: str
    name: str
    source_id: str | None  # OneRoster sourcedId, when the school came from an import
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Place:
    """Where a resource lives in the hierarchy, as of now (a district's current region)."""

    region_id: str | None
    district_id: str | None = None
    school_id: str | None = None

    @property
    def tier(self) -> Tier:
        if self.school_id:
            return Tier.SCHOOL
        return Tier.DISTRICT if self.district_id else Tier.REGION


# --- people ---


@dataclass(frozen=True)
class User:
    id: str
    email: str
    display_name: str
    role: Role
    org_id: str
    org_tier: Tier
    district_id: str | None  # for district and school tiers
    teacher_id: str | None  # teacher-role accounts: the roster teacher they are
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Teacher:
    """A roster entry. Names and emails never leave tenancy (events carry ids only)."""

    id: str
    district_id: str
    source_id: str | None
    given_name: str
    family_name: str
    email: str | None
    school_ids: frozenset[str]
    removed_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ObserverAssignment:
    user_id: str
    school_id: str
    district_id: str
    assigned_by: str
    assigned_at: datetime


# --- lists ---


@dataclass(frozen=True)
class PageRequest:
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
