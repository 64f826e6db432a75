"""Who a push reaches, and the grants and revocations that follow from changes."""

from __future__ import annotations

from canopy_templates.domain.receivers import (
    Holding,
    OrgSlice,
    Receiver,
    Scope,
    plan,
    receivers_for,
)

ORGS = OrgSlice(
    connected_district_ids=["d1", "d2"],
    school_ids_by_district={"d1": ["s1", "s2"], "d2": ["s3"], "d9": ["s9"]},
)
V1, V2 = Holding("v1", locked=True), Holding("v2", locked=True)


def district(d: str) -> Receiver:
    return Receiver(d, "district", d)


def school(d: str, s: str) -> Receiver:
    return Receiver(d, "school", s)


def test_a_region_push_reaches_connected_districts_and_all_their_schools() -> None:
    reached = receivers_for(Scope("region", "r"), ORGS)
    assert reached == {
        district("d1"),
        school("d1", "s1"),
        school("d1", "s2"),
        district("d2"),
        school("d2", "s3"),
    }


def test_a_region_push_to_listed_districts_reaches_only_those() -> None:
    reached = receivers_for(Scope("region", "r", frozenset({"d2"})), ORGS)
    assert reached == {district("d2"), school("d2", "s3")}


def test_a_district_push_reaches_its_own_schools_not_the_district_itself() -> None:
    assert receivers_for(Scope("district", "d9"), ORGS) == {school("d9", "s9")}
    only = receivers_for(Scope("district", "d1", frozenset({"s2"})), ORGS)
    assert only == {school("d1", "s2")}


def test_a_school_template_reaches_the_school_itself() -> None:
    scope = Scope("school", "s1", school_district_id="d1")
    assert receivers_for(scope, OrgSlice()) == {school("d1", "s1")}
    assert receivers_for(Scope("school", "s1"), OrgSlice()) == set()


def test_new_receivers_are_granted_per_district_without_superseding() -> None:
    changes = plan({}, {district("d1"), school("d1", "s1"), district("d2")}, V1)
    assert [(g.district_id, g.supersedes_version_id, len(g.receivers)) for g in changes.grants] == [
        ("d1", None, 2),
        ("d2", None, 1),
    ]
    assert changes.revocations == ()


def test_holders_of_an_older_version_are_moved_on_and_told_what_it_supersedes() -> None:
    current = {district("d1"): V1, school("d1", "s1"): V1}
    changes = plan(current, {district("d1"), school("d1", "s1"), school("d1", "s2")}, V2)
    groups = {(g.supersedes_version_id, g.receivers) for g in changes.grants}
    assert groups == {("v1", (district("d1"), school("d1", "s1"))), (None, (school("d1", "s2"),))}


def test_receivers_no_longer_in_scope_are_revoked_per_district() -> None:
    current = {district("d1"): V1, school("d1", "s1"): V1, district("d2"): V1}
    changes = plan(current, {district("d2")}, V1)
    assert changes.grants == ()
    assert changes.revocations == (("d1", (district("d1"), school("d1", "s1"))),)


def test_a_lock_change_is_regranted_and_nothing_changes_when_all_hold_the_target() -> None:
    current = {district("d1"): V1}
    unlocked = plan(current, {district("d1")}, Holding("v1", locked=False))
    assert [g.supersedes_version_id for g in unlocked.grants] == [None]
    assert plan(current, {district("d1")}, V1).empty
