"""Who is calling and which organisation they act for."""

from __future__ import annotations

from dataclasses import dataclass

REGION_ADMIN, REGION_LEADER = "region_admin", "region_leader"
DISTRICT_ADMIN, DISTRICT_LEADER = "district_admin", "district_leader"
SCHOOL_ADMIN, OBSERVER, TEACHER = "school_admin", "observer", "teacher"

DISTRICT_ROLES = (DISTRICT_ADMIN, DISTRICT_LEADER)
SUBMITTERS = (OBSERVER, SCHOOL_ADMIN)
READERS = (DISTRICT_ADMIN, DISTRICT_LEADER, SCHOOL_ADMIN, OBSERVER, TEACHER)


@dataclass(frozen=True)
class Actor:
    """The verified caller. `org_id` is their organisation (a district or school);
    `teacher_id` is the roster teacher a teacher-role account is linked to."""

    subject: str
    role: str
    org_tier: str
    org_id: str
    district_id: str | None = None
    teacher_id: str | None = None
