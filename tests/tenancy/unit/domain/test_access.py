"""Authorization rules on the hierarchy as it is now (pure functions, no database)."""

from __future__ import annotations

from canopy_shared.contracts.vocabulary import Role
from canopy_tenancy.domain.access import (
    Actor,
    can_manage_roster,
    can_manage_user,
    can_read_roster,
    can_see,
)
from canopy_tenancy.domain.orgs import Place

R1, R2, A, B, A1, A2 = "r1", "r2", "a", "b", "a1", "a2"
REGION_ADMIN = Actor("u", Role.REGION_ADMIN, R1, R1)
DISTRICT_ADMIN = Actor("u", Role.DISTRICT_ADMIN, A, R1, A)
OBSERVER = Actor("u", Role.OBSERVER, A1, R1, A, frozenset({A1, A2}))
TEACHER = Actor("u", Role.TEACHER, A1, R1, A, frozenset({A1}))


def test_a_region_sees_only_districts_connected_to_it_now() -> None:
    assert can_see(REGION_ADMIN, Place(R1, A))
    assert not can_see(REGION_ADMIN, Place(None, A))  # left the region
    assert not can_see(REGION_ADMIN, Place(R2, B))


def test_no_region_role_reads_the_roster_anywhere() -> None:
    for role in (Role.REGION_ADMIN, Role.REGION_LEADER):
        actor = Actor("u", role, R1, R1)
        assert not can_read_roster(actor, Place(R1, A))
        assert not can_read_roster(actor, Place(R1, A, A1))


def test_school_staff_read_the_roster_of_their_schools_only_and_teachers_not_at_all() -> None:
    assert can_read_roster(OBSERVER, Place(R1, A, A2))
    assert not can_read_roster(OBSERVER, Place(R1, A))  # the whole district
    assert not can_read_roster(TEACHER, Place(R1, A, A1))


def test_district_admins_manage_their_own_district_only() -> None:
    assert can_manage_roster(DISTRICT_ADMIN, Place(R1, A))
    assert not can_manage_roster(DISTRICT_ADMIN, Place(R1, B))
    assert can_manage_user(DISTRICT_ADMIN, Place(R1, A, A1), Role.OBSERVER)
    assert not can_manage_user(DISTRICT_ADMIN, Place(R1, B), Role.DISTRICT_LEADER)


def test_a_region_admin_manages_region_users_not_district_staff() -> None:
    assert can_manage_user(REGION_ADMIN, Place(R1), Role.REGION_LEADER)
    assert not can_manage_user(REGION_ADMIN, Place(R1, A), Role.DISTRICT_ADMIN)
    assert not can_manage_user(REGION_ADMIN, Place(R2), Role.REGION_LEADER)


def test_a_principal_manages_observers_of_their_school_only() -> None:
    principal = Actor("u", Role.SCHOOL_ADMIN, A1, R1, A, frozenset({A1}))
    assert can_manage_user(principal, Place(R1, A, A1), Role.OBSERVER)
    assert not can_manage_user(principal, Place(R1, A, A1), Role.SCHOOL_ADMIN)
    assert not can_manage_user(principal, Place(R1, A, A2), Role.OBSERVER)


def test_a_region_coach_reads_the_rosters_of_assigned_schools_only() -> None:
    coach = Actor("u", Role.REGION_COACH, R1, R1, None, frozenset({A1}))
    assert can_read_roster(coach, Place(R1, A, A1))
    assert not can_read_roster(coach, Place(R1, A, A2))
    assert not can_read_roster(coach, Place(R1, A))  # never a whole district
    assert can_see(coach, Place(R1, A, A2))  # organisation records, like any region user
    assert not can_manage_user(coach, Place(R1), Role.REGION_COACH)
