"""Revocation at the source: deactivating an account, changing its role, taking a school from an
observer or disconnecting a district ends every token issued before the change — at tenancy at
once (401 `token_revoked` naming why) and, through `user.access_revoked` /
`district.disconnected` on the bus, everywhere else. A token issued after the change works."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import jwt

from canopy_shared.revocation.repository import microseconds

from .conftest import World, email


def token_claims(headers: dict[str, str]) -> dict[str, Any]:
    token = headers["Authorization"].removeprefix("Bearer ")
    return jwt.decode(token, options={"verify_signature": False})


def assert_revoked(net, who: str, headers: dict[str, str], why: str) -> None:
    response = net.client.get("/v1/me", headers=headers)
    assert response.status_code == 401, response.json
    error = response.json["error"]
    assert (error["code"], error["field"]) == ("token_revoked", "Authorization")
    assert why in error["message"] and "sign in again" in error["message"], error


def test_deactivation_refuses_the_old_token_and_is_announced(net, world: World, outbox) -> None:
    old = net.sign_in(email("a.leader"))
    net.ok(email("a.admin"), "PATCH", f"/v1/users/{world.user['a.leader']}", json={"active": False})
    assert_revoked(net, "a.leader", old, "deactivated")
    (event,) = outbox.payloads("user.access_revoked")
    assert event["user_id"] == world.user["a.leader"]
    assert (event["district_id"], event["reason"]) == (world.org["A"], "deactivated")
    assert token_claims(old)["iat"] * 1_000_000 < _us(event["tokens_valid_after"])


def test_a_role_change_ends_the_old_token_and_the_new_token_has_the_new_role(
    net, world: World, outbox
) -> None:
    old = net.sign_in(email("a.leader"))
    path = f"/v1/users/{world.user['a.leader']}"
    changed = net.ok(email("a.admin"), "PATCH", path, json={"role": "district_admin"})
    assert changed["role"] == "district_admin"
    assert_revoked(net, "a.leader", old, "role changed")
    new = net.sign_in(email("a.leader"))
    assert token_claims(new)["role"] == "district_admin"
    assert net.client.get("/v1/me", headers=new).json["role"] == "district_admin"
    assert [p["reason"] for p in outbox.payloads("user.access_revoked")] == ["role_changed"]


def test_role_changes_stay_within_the_tier_and_the_admins_own_roles(net, world: World) -> None:
    def patch(admin: str, user: str, role: str) -> Any:
        return net.call(email(admin), "PATCH", f"/v1/users/{world.user[user]}", json={"role": role})

    wrong_tier = patch("a.admin", "a1.principal", "district_leader")
    assert (wrong_tier.status_code, wrong_tier.json["error"]["field"]) == (422, "role")
    to_teacher = patch("a.admin", "a1.principal", "teacher")
    assert (to_teacher.status_code, to_teacher.json["error"]["field"]) == (422, "role")
    from_teacher = patch("a.admin", "a1.teacher", "observer")
    assert (from_teacher.status_code, from_teacher.json["error"]["field"]) == (422, "role")
    own = patch("a.admin", "a.admin", "district_leader")
    assert own.status_code in (404, 422)  # an admin never changes their own role
    assert patch("a1.principal", "a1.observer", "school_admin").status_code == 403
    assert patch("r1.admin", "r1.leader", "region_admin").status_code == 200


def test_an_observer_leaving_the_role_loses_every_school(net, world: World, outbox) -> None:
    observer = world.user["a1.observer"]
    net.ok(email("a.admin"), "PATCH", f"/v1/users/{observer}", json={"role": "school_admin"})
    left = {
        p["school_id"] for p in outbox.payloads("observer.unassigned") if p["user_id"] == observer
    }
    assert left == {world.org["A1"], world.org["A2"]}
    path = f"/v1/schools/{world.org['A2']}/observers"
    listed = net.ok(email("a.admin"), "GET", path)["items"]
    assert observer not in {item["user_id"] for item in listed}


def test_taking_a_school_from_an_observer_ends_their_old_token(net, world: World, outbox) -> None:
    old = net.sign_in(email("a1.observer"))
    observer = world.user["a1.observer"]
    path = f"/v1/schools/{world.org['A2']}/observers/{observer}"
    assert net.call(email("a.admin"), "DELETE", path).status_code == 204
    assert_revoked(net, "a1.observer", old, "schools changed")
    (event,) = outbox.payloads("user.access_revoked")
    assert (event["user_id"], event["reason"]) == (observer, "schools_changed")
    assert net.client.get("/v1/me", headers=net.sign_in(email("a1.observer"))).status_code == 200


def test_a_disconnection_ends_the_districts_old_tokens_only(net, world: World) -> None:
    staff = {who: net.sign_in(email(who)) for who in ("a.leader", "a1.principal", "r1.leader")}
    path = f"/v1/connections/{world.connection['A']}/disconnect"
    net.ok(email("a.admin"), "POST", path)
    assert_revoked(net, "a.leader", staff["a.leader"], "region connection changed")
    assert_revoked(net, "a1.principal", staff["a1.principal"], "region connection changed")
    assert net.client.get("/v1/me", headers=staff["r1.leader"]).status_code == 200
    fresh = net.sign_in(email("a.leader"))
    assert token_claims(fresh)["region_id"] is None
    assert net.client.get("/v1/me", headers=fresh).status_code == 200


def test_a_token_carries_its_issue_time_to_the_microsecond(net, world: World) -> None:
    """Two sign-ins within one second are told apart from a change between them."""
    before = datetime.now(UTC)
    iat = token_claims(net.sign_in(email("a.leader")))["iat"]
    assert round(iat * 1_000_000) / 1_000_000 == iat
    assert microseconds(before) <= round(iat * 1_000_000) <= microseconds(datetime.now(UTC))


def _us(timestamp: str) -> int:
    return microseconds(datetime.fromisoformat(timestamp))


def test_an_account_made_observer_observes_at_its_own_school(net, world: World, outbox) -> None:
    principal = world.user["a1.principal"]
    net.ok(email("a.admin"), "PATCH", f"/v1/users/{principal}", json={"role": "observer"})
    assigned = [p for p in outbox.payloads("observer.assigned") if p["user_id"] == principal]
    assert [p["school_id"] for p in assigned] == [world.org["A1"]]
    listed = net.ok(email("a.admin"), "GET", f"/v1/schools/{world.org['A1']}/observers")
    assert principal in {item["user_id"] for item in listed["items"]}
