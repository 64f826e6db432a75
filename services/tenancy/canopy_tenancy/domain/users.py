"""Accounts (one role bound to one organisation) and observer assignments (the schools of their
district an observer may run walkthroughs at)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.errors import Invalid
from canopy_tenancy.domain.events import Event
from canopy_tenancy.domain.orgs import Place

AssignmentChange = Literal["assigned", "unassigned"]
# Why a user's earlier tokens end (`user.access_revoked`; the contract lists the same reasons).
RevocationReason = Literal["deactivated", "role_changed", "schools_changed"]


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
class ObserverAssignment:
    user_id: str
    school_id: str
    district_id: str
    assigned_by: str
    assigned_at: datetime


def check_tier(role: Role, place: Place) -> None:
    if role.tier != place.tier:
        raise Invalid(
            f"a {role} belongs to a {role.tier}, not a {place.tier}",
            field="role",
            rule="the role's tier must match the organisation's tier",
        )


def check_role_change(user: User, role: Role, place: Place) -> None:
    """A role changes within the account's organisation's tier. A teacher account is bound to a
    roster teacher, so no account becomes or stops being a teacher by a role change."""
    check_tier(role, place)
    if Role.TEACHER in (role, user.role) and role != user.role:
        raise Invalid(
            "a teacher account is linked to a roster teacher; create or deactivate the account",
            field="role",
            rule="no role change to or from teacher",
        )


def revocation_reasons(before: User, after: User) -> list[RevocationReason]:
    """What about an account's change ends the tokens issued before it."""
    reasons: list[RevocationReason] = []
    if before.active and not after.active:
        reasons.append("deactivated")
    if before.role != after.role:
        reasons.append("role_changed")
    return reasons


def access_revoked_event(user: User, reason: RevocationReason, at: datetime) -> Event:
    """Every service refuses the user's tokens issued before `at` once it reads this."""
    return "user.access_revoked", {
        "user_id": user.id,
        "district_id": user.district_id,
        "region_id": user.org_id if user.org_tier == Tier.REGION else None,
        "reason": reason,
        "tokens_valid_after": at.isoformat(),
    }


def observer_event(kind: AssignmentChange, assignment: ObserverAssignment) -> Event:
    return f"observer.{kind}", {
        "user_id": assignment.user_id,
        "district_id": assignment.district_id,
        "school_id": assignment.school_id,
    }
