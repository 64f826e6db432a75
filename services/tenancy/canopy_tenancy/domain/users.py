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


def observer_event(kind: AssignmentChange, assignment: ObserverAssignment) -> Event:
    return f"observer.{kind}", {
        "user_id": assignment.user_id,
        "district_id": assignment.district_id,
        "school_id": assignment.school_id,
    }
