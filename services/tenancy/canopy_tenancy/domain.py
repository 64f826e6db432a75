"""Tenancy's entities, errors and rules. No I/O: no flask, sqlalchemy or kafka imports.

Authorization rules live in `access.py`, OneRoster parsing in `oneroster.py`, roster change
planning in `roster.py`; this module holds what they all share.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Generic, TypeVar

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


class DomainError(Exception):
    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule


class NotFoundError(DomainError):
    """Missing, or outside the caller's organisations (the two are indistinguishable on
    purpose: nobody learns that another tenant's resource exists)."""


class PermissionDenied(DomainError):
    pass


class ConflictError(DomainError):
    pass


class RuleViolation(DomainError):
    pass


class SignInFailed(DomainError):
    """Wrong email or password, or a stale token: one message for every cause."""


class SignInThrottled(DomainError):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            f"too many failed sign-ins; try again in {retry_after_s} s", rule="sign-in throttle"
        )
        self.retry_after_s = retry_after_s


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


# --- region connections ---


class ConnectionStatus(StrEnum):
    INVITED = "invited"  # the region proposed an agreement; the district has not answered
    ACTIVE = "active"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # the region took its invitation back
    ENDED = "ended"  # disconnected by either side


@dataclass(frozen=True)
class Connection:
    """One region <-> district link, from invitation to its end: the history is every row."""

    id: str
    region_id: str
    district_id: str
    status: ConnectionStatus
    agreement_text: str
    agreement_version: str
    invited_by: str
    invited_at: datetime
    responded_by: str | None = None
    responded_at: datetime | None = None
    ended_by: str | None = None
    ended_at: datetime | None = None

    def accept(self, *, by: str, at: datetime, agreement_version: str) -> Connection:
        self._require(ConnectionStatus.INVITED, "accept")
        if agreement_version != self.agreement_version:
            raise RuleViolation(
                f"the invitation carries agreement version {self.agreement_version}; "
                "read that text and accept that version",
                field="agreement_version",
                rule="must equal the invited version",
            )
        return replace(self, status=ConnectionStatus.ACTIVE, responded_by=by, responded_at=at)

    def decline(self, *, by: str, at: datetime) -> Connection:
        self._require(ConnectionStatus.INVITED, "decline")
        return replace(self, status=ConnectionStatus.DECLINED, responded_by=by, responded_at=at)

    def withdraw(self, *, by: str, at: datetime) -> Connection:
        self._require(ConnectionStatus.INVITED, "withdraw")
        return replace(self, status=ConnectionStatus.WITHDRAWN, ended_by=by, ended_at=at)

    def disconnect(self, *, by: str, at: datetime) -> Connection:
        self._require(ConnectionStatus.ACTIVE, "disconnect")
        return replace(self, status=ConnectionStatus.ENDED, ended_by=by, ended_at=at)

    def _require(self, status: ConnectionStatus, action: str) -> None:
        if self.status != status:
            raise ConflictError(
                f"cannot {action} a connection that is {self.status}",
                field="status",
                rule=f"{action} needs status {status}",
            )


def check_can_invite(district: District, pending: list[Connection], region_id: str) -> None:
    """A district is connected to at most one region; one open invitation per region."""
    if district.region_id == region_id:
        raise ConflictError(
            "this district is already connected to your region", field="district_id"
        )
    if district.region_id is not None:
        raise ConflictError(
            "this district is connected to another region; it must disconnect first",
            field="district_id",
            rule="a district joins at most one region",
        )
    if any(c.region_id == region_id for c in pending):
        raise ConflictError(
            "your region already has an open invitation to this district", field="district_id"
        )


def check_can_connect(district: District) -> None:
    if district.region_id is not None:
        raise ConflictError(
            "this district is already connected to a region; disconnect first",
            rule="a district joins at most one region",
        )


# --- sign-in throttle ---


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int = 5  # failures allowed before the first lockout
    base_lock_s: int = 2  # the first lockout; each further failure doubles it
    max_lock_s: int = 900
    forget_after: timedelta = timedelta(hours=24)  # a quiet key starts over

    def lockout(self, failures: int) -> timedelta:
        if failures < self.free_failures:
            return timedelta(0)
        exponent = min(failures - self.free_failures, 30)
        return timedelta(seconds=min(self.base_lock_s * 2**exponent, self.max_lock_s))


@dataclass(frozen=True)
class FailureRecord:
    key: str  # a digest of email + client address: the table never holds an email
    failures: int
    locked_until: datetime | None
    last_failure_at: datetime

    def retry_after_s(self, now: datetime) -> int:
        if self.locked_until is None or self.locked_until <= now:
            return 0
        return max(1, math.ceil((self.locked_until - now).total_seconds()))

    def after_failure(self, now: datetime, policy: ThrottlePolicy) -> FailureRecord:
        failures = 1 if now - self.last_failure_at > policy.forget_after else self.failures + 1
        lock = policy.lockout(failures)
        return FailureRecord(self.key, failures, now + lock if lock else None, now)


def first_failure(key: str, now: datetime, policy: ThrottlePolicy) -> FailureRecord:
    lock = policy.lockout(1)
    return FailureRecord(key, 1, now + lock if lock else None, now)
