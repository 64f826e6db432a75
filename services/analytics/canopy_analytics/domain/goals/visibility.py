"""Who sees, sets and adopts which goals, and whose progress each viewer sees.

- A region's users see its own goals and the district goals that adopt or adapt them (districts
  connected now); they see progress per district, suppressed like every region figure.
- A district's users see their district's goals and its schools', and their region's goals
  (to adopt them); a region goal's progress is their own district's, exact.
- A school's principal sees the school's goals and the district's (to align to them); progress
  is the school's own, exact.
Goals are not teacher data: their definitions are visible both ways along an alignment.
"""

from __future__ import annotations

from dataclasses import dataclass

from canopy_analytics.domain.goals.model import Goal
from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.errors import NotAllowed

SETTERS = (
    Role.REGION_ADMIN,
    Role.REGION_LEADER,
    Role.DISTRICT_ADMIN,
    Role.DISTRICT_LEADER,
    Role.SCHOOL_ADMIN,
)
REGION, DISTRICT, SCHOOL = Tier.REGION.value, Tier.DISTRICT.value, Tier.SCHOOL.value
# What a goal of each tier is adopted by: a region's by its districts, a district's by its schools.
ADOPTER_TIER = {REGION: DISTRICT, DISTRICT: SCHOOL}


@dataclass(frozen=True)
class Viewer:
    tier: str  # region | district | school
    org_id: str
    region_id: str | None
    district_id: str | None  # district and school viewers
    districts: tuple[str, ...]  # a region's districts connected now; a district's own

    @property
    def org(self) -> str:
        return f"{self.tier}:{self.org_id}"


def may_see(goal: Goal, viewer: Viewer) -> bool:
    if viewer.tier == REGION:
        own = goal.tier == REGION and goal.org_id == viewer.org_id
        adoption = (
            goal.tier == DISTRICT
            and goal.alignment != "own"
            and goal.region_id == viewer.org_id
            and goal.district_id in viewer.districts
        )
        return own or adoption
    if viewer.tier == DISTRICT:
        upward = goal.tier == REGION and goal.org_id == viewer.region_id
        return upward or goal.district_id == viewer.district_id
    school_goal = goal.tier == SCHOOL and goal.org_id == viewer.org_id
    return school_goal or (goal.tier == DISTRICT and goal.district_id == viewer.district_id)


def progress_orgs(goal: Goal, viewer: Viewer) -> list[str]:
    """The organisations whose progress `viewer` sees for `goal`, the headline first."""
    if viewer.tier == SCHOOL or goal.tier == SCHOOL:
        return [viewer.org if viewer.tier == SCHOOL else goal.org]
    if viewer.tier == DISTRICT or goal.tier == DISTRICT:
        return [f"district:{viewer.district_id if viewer.tier == DISTRICT else goal.org_id}"]
    return [goal.org, *(f"district:{d}" for d in viewer.districts)]


def require_adopter(parent: Goal, viewer: Viewer) -> str:
    """The tier of the goal `viewer` would set by adopting `parent`; NotAllowed otherwise."""
    tier = ADOPTER_TIER.get(parent.tier)
    if tier is None or viewer.tier != tier or not may_see(parent, viewer):
        raise NotAllowed(
            "a region goal is adopted by its districts, a district goal by its schools",
            rule="districts adopt or adapt their region's goals; schools align to their district's",
        )
    return tier
