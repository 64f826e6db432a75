"""Who is calling and which organisation they act for."""

from __future__ import annotations

from dataclasses import dataclass

REGION, DISTRICT, SCHOOL = "region", "district", "school"
TIERS = (REGION, DISTRICT, SCHOOL)

REGION_ADMIN, REGION_LEADER = "region_admin", "region_leader"
DISTRICT_ADMIN, DISTRICT_LEADER = "district_admin", "district_leader"
SCHOOL_ADMIN, OBSERVER, TEACHER = "school_admin", "observer", "teacher"

ADMIN_OF_TIER = {REGION: REGION_ADMIN, DISTRICT: DISTRICT_ADMIN, SCHOOL: SCHOOL_ADMIN}
ROLES_OF_TIER = {
    REGION: frozenset({REGION_ADMIN, REGION_LEADER}),
    DISTRICT: frozenset({DISTRICT_ADMIN, DISTRICT_LEADER}),
    SCHOOL: frozenset({SCHOOL_ADMIN, OBSERVER, TEACHER}),
}
TIER_OF_ROLE = {role: tier for tier, roles in ROLES_OF_TIER.items() for role in roles}


@dataclass(frozen=True)
class OrgRef:
    type: str  # region | district | school
    id: str


@dataclass(frozen=True)
class Actor:
    """The verified caller. `org` is the organisation their role belongs to; `district_id` is
    set for district and school tiers."""

    subject: str
    role: str
    org: OrgRef
    district_id: str | None = None

    @property
    def tier(self) -> str:
        return TIER_OF_ROLE.get(self.role, "")

    @property
    def is_admin(self) -> bool:
        return ADMIN_OF_TIER.get(self.org.type) == self.role

    def is_admin_of(self, org: OrgRef) -> bool:
        return self.is_admin and self.org == org

    def belongs_to(self, org: OrgRef) -> bool:
        """Any role of that organisation's own tier, in that organisation."""
        return self.tier == org.type and self.org == org
