"""Who is calling and which organisation they act for (roles and tiers are the shared
vocabulary's: `canopy_shared.contracts.vocabulary`)."""

from __future__ import annotations

from dataclasses import dataclass

from canopy_shared.contracts.vocabulary import ROLE_TIERS, Role, Tier

# The one role of each tier that may own and change its organisation's templates.
ADMIN_OF_TIER = {
    Tier.REGION: Role.REGION_ADMIN,
    Tier.DISTRICT: Role.DISTRICT_ADMIN,
    Tier.SCHOOL: Role.SCHOOL_ADMIN,
}
ADMINS = tuple(ADMIN_OF_TIER.values())


@dataclass(frozen=True)
class OrgRef:
    type: Tier
    id: str


@dataclass(frozen=True)
class Actor:
    """The verified caller. `org` is the organisation their role belongs to; `district_id` is
    set for district and school tiers."""

    subject: str
    role: Role
    org: OrgRef
    district_id: str | None = None

    @property
    def tier(self) -> Tier:
        return ROLE_TIERS[self.role]

    @property
    def is_admin(self) -> bool:
        return ADMIN_OF_TIER.get(self.org.type) == self.role

    def is_admin_of(self, org: OrgRef) -> bool:
        return self.is_admin and self.org == org

    def belongs_to(self, org: OrgRef) -> bool:
        """Any role of that organisation's own tier, in that organisation."""
        return self.tier == org.type and self.org == org
