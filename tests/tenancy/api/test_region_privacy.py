"""Trends, not names: no region user ever reads a teacher's name, email or roster id, and a
district that left the region disappears from the region's view at once."""

from __future__ import annotations

import json

from .conftest import World, email
from .test_authorization_matrix import CASES

REGION_USERS = ("r1.admin", "r1.leader", "r2.admin", "r2.leader")


def _secrets(world: World) -> list[str]:
    emails = [f"{g.lower()}@{f.lower()}" for g, f in (("Alice", "Anders"), ("Bruno", "Berg"))]
    return [*world.names, *emails, *world.teacher.values(), world.user["a1.teacher"]]


def test_no_region_user_reads_a_teacher_from_any_endpoint(net, world: World) -> None:
    paths = [case.path(world) for case in CASES if case.method == "GET"]
    paths += ["/v1/users?limit=200", f"/v1/districts/{world.org['A']}/teachers?search=alice"]
    for actor in REGION_USERS:
        for path in paths:
            body = json.dumps(net.call(email(actor), "GET", path).json)
            leaked = [secret for secret in _secrets(world) if secret in body]
            assert leaked == [], (actor, path, leaked)


def test_region_roles_are_refused_the_roster_even_of_connected_districts(net, world) -> None:
    for actor in ("r1.admin", "r1.leader"):
        roster = net.call(email(actor), "GET", f"/v1/districts/{world.org['A']}/teachers")
        teacher = net.call(email(actor), "GET", f"/v1/teachers/{world.teacher['A']}")
        assert roster.status_code == 403 and roster.json["error"]["code"] == "forbidden"
        assert teacher.status_code in (403, 404)


def test_a_district_that_disconnects_is_gone_from_the_former_region(net, world) -> None:
    district = f"/v1/districts/{world.org['A']}"
    assert net.call(email("r1.leader"), "GET", district).status_code == 200
    net.ok(email("a.admin"), "POST", f"/v1/connections/{world.connection['A']}/disconnect")

    assert net.call(email("r1.leader"), "GET", district).status_code == 404
    assert net.call(email("r1.admin"), "GET", f"/v1/schools/{world.org['A1']}").status_code == 404
    listed = net.ok(email("r1.admin"), "GET", "/v1/schools")
    assert world.org["A1"] not in {s["id"] for s in listed["items"]}
    districts = net.ok(email("r1.admin"), "GET", "/v1/districts")["items"]
    assert world.org["A"] not in {d["id"] for d in districts}
    # The district's own staff no longer see the region either.
    assert net.call(email("a.leader"), "GET", f"/v1/regions/{world.org['R1']}").status_code == 404


def test_district_a_admin_can_never_read_or_change_district_b(net, world) -> None:
    b = world.org
    attempts = [
        ("GET", f"/v1/districts/{b['B']}", None),
        ("PATCH", f"/v1/districts/{b['B']}", {"name": "Mine now"}),
        ("GET", f"/v1/schools/{b['B1']}", None),
        ("PATCH", f"/v1/schools/{b['B1']}", {"name": "Mine now"}),
        ("POST", "/v1/schools", {"district_id": b["B"], "name": "Mine"}),
        ("GET", f"/v1/districts/{b['B']}/teachers", None),
        ("POST", f"/v1/districts/{b['B']}/teachers",
         {"given_name": "X", "family_name": "Y", "school_ids": [b["B1"]]}),
        ("GET", f"/v1/teachers/{world.teacher['B']}", None),
        ("PATCH", f"/v1/teachers/{world.teacher['B']}", {"given_name": "X"}),
        ("DELETE", f"/v1/teachers/{world.teacher['B']}", None),
        ("POST", f"/v1/districts/{b['B']}/roster-imports", {"orgs_csv": "", "users_csv": ""}),
        ("GET", f"/v1/users/{world.user['b.leader']}", None),
        ("PATCH", f"/v1/users/{world.user['b.leader']}", {"active": False}),
        ("POST", "/v1/users", {"email": email("x"), "display_name": "X",
                               "role": "district_admin", "org_id": b["B"]}),
        ("GET", f"/v1/schools/{b['B1']}/observers", None),
        ("PUT", f"/v1/schools/{b['B1']}/observers/{world.user['a1.observer']}", None),
        ("GET", f"/v1/connections/{world.connection['B']}", None),
        ("POST", f"/v1/connections/{world.connection['B']}/disconnect", None),
    ]  # fmt: skip
    for method, path, body in attempts:
        response = net.call(email("a.admin"), method, path, json=body)
        assert response.status_code in (403, 404), (method, path, response.status_code)
    assert net.ok(email("b.admin"), "GET", f"/v1/districts/{b['B']}")["name"] == "District B"
    assert net.ok(email("b.admin"), "GET", f"/v1/users/{world.user['b.leader']}")["active"]
