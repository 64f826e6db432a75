"""Who is calling and which organisation they act for (roles and tiers are the shared
vocabulary's: `canopy_shared.contracts.vocabulary`)."""

from __future__ import annotations

from dataclasses import dataclass

from canopy_shared.contracts.vocabulary import Role, Tier


@dataclass(frozen=True)
class Actor:
    """The verified caller. `org_id` is their organisation (a district or school);
    `teacher_id` is the roster teacher a teacher-role account is linked to."""

    subject: str
    role: Role
    org_tier: Tier
    org_id: str
    district_id: str | None = None
    teacher_id: str | None = None
