"""Region coaches: instructional coaches a region employs, whom a connected district assigns to
observe at chosen schools. The district grants and revokes: only its admin assigns or takes a
school from a coach, and only a coach of the region the district is connected to now."""

from __future__ import annotations

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.errors import Invalid
from canopy_tenancy.domain.access import Actor, require
from canopy_tenancy.domain.orgs import District
from canopy_tenancy.domain.users import User

DISTRICT_DECIDES = "a district's admin assigns and revokes region coaches"


def check_may_change_coach(actor: Actor) -> None:
    require(
        actor.is_(Role.DISTRICT_ADMIN),
        "only the district admin assigns a region coach to a school or takes it back",
        rule=DISTRICT_DECIDES,
    )


def check_coach_assignment(actor: Actor, coach: User, district: District) -> None:
    """The district admin, an active coach, of the region the district is connected to now."""
    check_may_change_coach(actor)
    if not coach.active:
        raise Invalid("this region coach's account is deactivated", field="user_id", rule="active")
    if district.region_id is None or coach.org_id != district.region_id:
        raise Invalid(
            "this coach works for a region your district is not connected to",
            field="user_id",
            rule="a region coach of the region the district is connected to",
        )
