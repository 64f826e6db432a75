"""Whose walkthroughs a caller may see, and whether the privacy rule applies to what they get.

- Region roles see their region's districts that are connected *now*, and only walkthroughs the
  district sent while connected (the fact's region id is stamped at submission). Everything they
  get is small-cell suppressed.
- District roles see their own district only. They already see their walkthroughs with names in
  intake, so suppression would protect no one from them; their figures are still aggregates
  (no teacher-level rows or filters exist anywhere in this API).
"""

from __future__ import annotations

from dataclasses import dataclass

from canopy_analytics.directory import Directory
from canopy_shared.web.auth import DISTRICT_ROLES, REGION_ROLES, Principal
from canopy_shared.web.errors import Forbidden

REGION, DISTRICT = "region", "district"


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
            raise Forbidden(
                f"district {district_id} is not visible to you",
                field="district_id",
                rule="region users see districts connected to their region now; "
                "district users see their own district",
            )


def scope_of(principal: Principal, directory: Directory) -> Scope:
    if principal.role in REGION_ROLES and principal.org_tier == REGION:
        region_id = principal.org_id
        districts = tuple(directory.connected_districts(region_id))
        return Scope(REGION, region_id, region_id, districts)
    if principal.role in DISTRICT_ROLES and principal.org_tier == DISTRICT:
        district_id = principal.district_id or principal.org_id
        return Scope(DISTRICT, district_id, None, (district_id,))
    raise Forbidden(
        f"role {principal.role} at a {principal.org_tier} may not read analytics",
        rule="region_admin/region_leader of a region, district_admin/district_leader of a district",
    )
