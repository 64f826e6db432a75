"""Region coaches: a connected district's admin assigns a coach of its region to chosen
schools and takes them back; each change is announced to the other services, a revocation ends
the coach's earlier tokens, and a district that leaves the region ends every assignment it gave.
The coach reads the rosters of those schools only, and never the region's connections.

The world (conftest): r1's coach is assigned to A1 by district A."""

from __future__ import annotations

from .conftest import World, email
from .test_revocation_api import assert_revoked

COACH = "r1.coach"


def _coaches_of_a(net, world: World) -> dict[str, list[str]]:
    page = net.ok(email("a.leader"), "GET", f"/v1/districts/{world.org['A']}/region-coaches")
    return {c["user_id"]: c["school_ids"] for c in page["items"]}


def _observers(world: World, school: str, user: str) -> str:
    return f"/v1/schools/{world.org[school]}/observers/{world.user[user]}"


def test_the_district_lists_its_regions_coaches_with_their_schools(net, world: World) -> None:
    page = net.ok(email("a.admin"), "GET", f"/v1/districts/{world.org['A']}/region-coaches")
    (coach,) = page["items"]
    assert coach["user_id"] == world.user[COACH]
    assert (coach["email"], coach["active"]) == (email(COACH), True)
    assert coach["school_ids"] == [world.org["A1"]]
    # District B is connected to R2, which has no coach; C left its region.
    page = net.ok(email("b.admin"), "GET", f"/v1/districts/{world.org['B']}/region-coaches")
    assert page["items"] == []
    c_page = net.ok(email("c.admin"), "GET", f"/v1/districts/{world.org['C']}/region-coaches")
    assert c_page["total"] == 0
    refused = net.call(email("b.admin"), "GET", f"/v1/districts/{world.org['A']}/region-coaches")
    assert refused.status_code == 404


def test_the_district_admin_assigns_and_the_change_is_announced(net, world: World, outbox) -> None:
    net.ok(email("a.admin"), "PUT", _observers(world, "A2", COACH))
    assert sorted(_coaches_of_a(net, world)[world.user[COACH]]) == sorted(
        [world.org["A1"], world.org["A2"]]
    )
    assigned = [
        p for p in outbox.payloads("observer.assigned") if p["user_id"] == world.user[COACH]
    ]
    assert {(p["district_id"], p["school_id"]) for p in assigned} == {
        (world.org["A"], world.org["A1"]),
        (world.org["A"], world.org["A2"]),
    }


def test_only_the_district_admin_of_a_connected_district_assigns(net, world: World) -> None:
    principal = net.call(email("a1.principal"), "PUT", _observers(world, "A1", COACH))
    assert principal.status_code == 403
    assert "district admin" in principal.json["error"]["message"]
    other_region = net.call(email("b.admin"), "PUT", _observers(world, "B1", COACH))
    assert other_region.status_code == 422
    assert other_region.json["error"]["field"] == "user_id"
    # A region leader is no coach: districts assign observers and coaches only.
    leader = net.call(email("a.admin"), "PUT", _observers(world, "A2", "r1.leader"))
    assert leader.status_code == 422
    left = net.call(email("c.admin"), "PUT", _observers(world, "C1", COACH))
    assert left.status_code == 422  # C is no longer connected to the coach's region


def test_revoking_ends_the_coachs_tokens_and_is_announced(net, world: World, outbox) -> None:
    old = net.sign_in(email(COACH))
    refused = net.call(email("a1.principal"), "DELETE", _observers(world, "A1", COACH))
    assert refused.status_code == 403  # the district decides, not the school
    assert net.call(email("a.admin"), "DELETE", _observers(world, "A1", COACH)).status_code == 204
    assert _coaches_of_a(net, world)[world.user[COACH]] == []
    (unassigned,) = outbox.payloads("observer.unassigned")
    assert (unassigned["user_id"], unassigned["school_id"]) == (world.user[COACH], world.org["A1"])
    (revoked,) = outbox.payloads("user.access_revoked")
    assert revoked["user_id"] == world.user[COACH]
    assert (revoked["region_id"], revoked["district_id"]) == (world.org["R1"], None)
    assert_revoked(net, COACH, old, "schools changed")
    fresh = net.sign_in(email(COACH))
    roster = net.client.get(f"/v1/districts/{world.org['A']}/teachers", headers=fresh)
    assert roster.status_code == 403


def test_the_coach_reads_the_roster_of_assigned_schools_only(net, world: World) -> None:
    teachers = net.ok(email(COACH), "GET", f"/v1/districts/{world.org['A']}/teachers")["items"]
    assert [(t["given_name"], t["family_name"]) for t in teachers] == [("Alice", "Anders")]
    a2 = net.call(
        email(COACH), "GET", f"/v1/districts/{world.org['A']}/teachers?school_id={world.org['A2']}"
    )
    assert a2.status_code == 403
    b = net.call(email(COACH), "GET", f"/v1/districts/{world.org['B']}/teachers")
    assert b.status_code in (403, 404) or b.json["total"] == 0
    assert net.call(email(COACH), "GET", f"/v1/teachers/{world.teacher['B']}").status_code in (
        403,
        404,
    )
    assert net.call(email(COACH), "GET", "/v1/connections").status_code == 403
    connection = net.call(email(COACH), "GET", f"/v1/connections/{world.connection['A']}")
    assert connection.status_code in (403, 404)


def test_a_district_leaving_the_region_ends_its_coach_assignments(
    net, world: World, outbox
) -> None:
    net.ok(email("a.admin"), "PUT", _observers(world, "A2", COACH))
    old = net.sign_in(email(COACH))
    net.ok(email("a.admin"), "POST", f"/v1/connections/{world.connection['A']}/disconnect")
    ended = {
        p["school_id"]
        for p in outbox.payloads("observer.unassigned")
        if p["user_id"] == world.user[COACH]
    }
    assert ended == {world.org["A1"], world.org["A2"]}
    assert [p["user_id"] for p in outbox.payloads("user.access_revoked")] == [world.user[COACH]]
    assert_revoked(net, COACH, old, "schools changed")
    net.headers.pop(email("a.admin"))  # the disconnection ended the district's tokens too
    path = f"/v1/schools/{world.org['A1']}/observers"
    listed = net.ok(email("a.admin"), "GET", path)["items"]
    assert world.user[COACH] not in {item["user_id"] for item in listed}


def test_a_coach_who_changes_role_loses_every_school(net, world: World, outbox) -> None:
    net.ok(
        email("r1.admin"), "PATCH", f"/v1/users/{world.user[COACH]}", json={"role": "region_leader"}
    )
    assert _coaches_of_a(net, world) == {}
    left = [p for p in outbox.payloads("observer.unassigned") if p["user_id"] == world.user[COACH]]
    assert [p["school_id"] for p in left] == [world.org["A1"]]


def test_a_coachs_schools_are_the_assigned_ones(net, world: World) -> None:
    listed = net.ok(email(COACH), "GET", "/v1/schools")["items"]
    assert [s["id"] for s in listed] == [world.org["A1"]]
    net.ok(email("a.admin"), "PUT", _observers(world, "A2", COACH))
    listed = net.ok(email(COACH), "GET", f"/v1/schools?district_id={world.org['A']}")["items"]
    assert {s["id"] for s in listed} == {world.org["A1"], world.org["A2"]}
