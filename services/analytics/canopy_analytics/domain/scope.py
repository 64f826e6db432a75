"""Whose walkthroughs a caller may see, and whether the privacy rule applies to what they get.

- Region roles see their region's districts that are connected *now*, and only walkthroughs the
  district sent while connected (the fact's region id is stamped at submission). Everything they
  get is small-cell suppressed.
- District roles see their own district only. They already see their walkthroughs with names in
  intake, so suppression would protect no one from them; their figures are still aggregates
  (no teacher-level rows or filters exist anywhere in this API).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, REGION_ROLES, Tier
from canopy_shared.errors import NotAllowed

REGION, DISTRICT = Tier.REGION.value, Tier.DISTRICT.value


class Caller(Protocol):
    """The claims of a verified token the scope depends on (`canopy_shared.web.auth.Principal`)."""

    @property
    def role(self) -> str: ...
    @property
    def org_id(self) -> str: ...
    @property
    def org_tier(self) -> str: ...
    @property
    def district_id(self) -> str | None: ...


@dataclass(frozen=True)
class School:
    school_id: str
    district_id: str
    name: str


@dataclass(frozen=True)
class Scope:
    tier: str  # region | district
    org_id: str  # the region or the district
    region_id: str | None  # facts must carry this region id (region tier only)
    district_ids: tuple[str, ...]  # districts whose walkthroughs are visible

    @property
    def suppressed(self) -> bool:
        return self.tier == REGION

    @property
    def org_label(self) -> str:
        return f"{self.tier}:{self.org_id}"

    def require_district(self, district_id: str) -> None:
        if district_id not in self.district_ids:
            raise NotAllowed(
                f"district {district_id} is not visible to you",
                field="district_id",
                rule="region users see districts connected to their region now; "
                "district users see their own district",
            )


def region_scope(region_id: str, connected_districts: list[str]) -> Scope:
    return Scope(REGION, region_id, region_id, tuple(connected_districts))


def scope_of(caller: Caller, connected_districts: Callable[[str], list[str]]) -> Scope:
    """The caller's scope; `connected_districts(region_id)` lists a region's districts now."""
    if caller.role in REGION_ROLES and caller.org_tier == REGION:
        return region_scope(caller.org_id, connected_districts(caller.org_id))
    if caller.role in DISTRICT_ROLES and caller.org_tier == DISTRICT:
        district_id = caller.district_id or caller.org_id
        return Scope(DISTRICT, district_id, None, (district_id,))
    raise NotAllowed(
        f"role {caller.role} at a {caller.org_tier} may not read analytics",
        rule="region_admin/region_leader of a region, district_admin/district_leader of a district",
    )
