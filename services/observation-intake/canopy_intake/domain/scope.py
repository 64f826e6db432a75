"""Whose walkthroughs each role may read, and who may run a walkthrough where.

District roles read their district's walkthroughs, school admins their school's, observers and
region coaches the ones they ran, teachers the ones of themself that were shared with them. The
other region roles never reach this service's reads (the door refuses them): walkthroughs carry
names. A region coach observes only where a district of their region assigned them: what they
capture is that district's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from canopy_intake.domain.actors import Actor
from canopy_shared.contracts.vocabulary import ASSIGNABLE_OBSERVERS, DISTRICT_ROLES, Role, Tier
from canopy_shared.errors import NotAllowed


@dataclass(frozen=True)
class ReadScope:
    """The walkthroughs a caller may read: every field set must match."""

    district_id: str | None = None
    school_id: str | None = None
    observer_id: str | None = None
    teacher_id: str | None = None
    shared_only: bool = False


def read_scope(actor: Actor) -> ReadScope:
    if actor.role in DISTRICT_ROLES:
        return ReadScope(district_id=actor.org_id)
    if actor.role == Role.SCHOOL_ADMIN:
        return ReadScope(district_id=actor.district_id, school_id=actor.org_id)
    if actor.role in ASSIGNABLE_OBSERVERS:
        return ReadScope(observer_id=actor.subject)
    if actor.role == Role.TEACHER and actor.teacher_id:
        return ReadScope(
            district_id=actor.district_id, teacher_id=actor.teacher_id, shared_only=True
        )
    raise NotAllowed(f"role {actor.role} may not read walkthroughs", rule="walkthrough_readers")


def check_may_observe(
    actor: Actor, school_id: str, *, assigned: bool, region_id: str | None = None
) -> None:
    """Observers at their own school or one they are assigned to; a principal at their own; a
    region coach at a school they are assigned to, of a district connected to their region
    (`region_id`: the school's district's region now)."""
    own_school = actor.org_tier == Tier.SCHOOL and actor.org_id == school_id
    if own_school or (actor.role == Role.OBSERVER and assigned):
        return
    if actor.role == Role.REGION_COACH and assigned and region_id == actor.org_id:
        return
    who = "the district admin" if actor.role == Role.REGION_COACH else "its school admin"
    raise NotAllowed(
        f"you are not assigned to observe at school {school_id}; ask {who} to add you as an "
        "observer",
        field="school_id",
        rule="may_observe_at_school",
    )


def check_may_share(actor: Actor, *, district_id: str, school_id: str, observer_id: str) -> None:
    """Who decides a teacher sees a walkthrough: whoever ran it, their principal, the district."""
    if (
        (actor.role in ASSIGNABLE_OBSERVERS and actor.subject == observer_id)
        or (actor.role == Role.SCHOOL_ADMIN and actor.org_id == school_id)
        or (actor.role in DISTRICT_ROLES and actor.org_id == district_id)
    ):
        return
    raise NotAllowed(
        "only the observer, the school admin or the district may share this walkthrough",
        field="observation_id",
        rule="may_share",
    )


def check_school_in_scope(actor: Actor, school_id: str | None) -> None:
    """A principal who asks for another school is told so, rather than shown an empty list
    that reads as "nobody was observed there"."""
    if actor.role == Role.SCHOOL_ADMIN and school_id is not None and school_id != actor.org_id:
        raise NotAllowed(
            "a principal sees their own school only; this is another school",
            field="school_id",
            rule="school_admin_own_school",
        )


def coverage_scope(actor: Actor) -> ReadScope:
    """District roles see their district's coverage, a principal their school's."""
    if actor.role in DISTRICT_ROLES:
        return ReadScope(district_id=actor.org_id)
    if actor.role == Role.SCHOOL_ADMIN and actor.district_id:
        return ReadScope(district_id=actor.district_id, school_id=actor.org_id)
    raise NotAllowed(f"role {actor.role} may not read coverage", rule="coverage_readers")
