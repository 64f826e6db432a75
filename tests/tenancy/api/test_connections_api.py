"""Connecting is two-sided: the region admin invites with an agreement, the district admin
accepts that exact version (who and when recorded); either side disconnects; the history keeps
every connection; connecting and disconnecting are announced on tenancy.events.v1."""

from __future__ import annotations

from .conftest import email

AGREEMENT = {"agreement_text": "Trends, not names. Aggregates only.", "agreement_version": "dsa-2"}


def _setup(net) -> dict[str, str]:
    ids = {
        "R1": net.bootstrap("region", "Gulf ESC", email("r1.admin")),
        "R2": net.bootstrap("region", "Hill ESC", email("r2.admin")),
        "A": net.bootstrap("district", "Brazos ISD", email("a.admin")),
        "B": net.bootstrap("district", "Cedar ISD", email("b.admin")),
    }
    net.user(email("r1.admin"), email("r1.leader"), "region_leader", ids["R1"])
    return ids


def _invite(net, ids, region: str = "r1", district: str = "A") -> dict:
    body = {"district_id": ids[district], **AGREEMENT}
    return net.ok(email(f"{region}.admin"), "POST", "/v1/connections", 201, json=body)


def test_invite_accept_records_the_agreement_and_announces_the_connection(net, outbox) -> None:
    ids = _setup(net)
    invited = _invite(net, ids)
    assert invited["status"] == "invited" and invited["invited_by"] == net.ids[email("r1.admin")]
    path = f"/v1/connections/{invited['id']}/accept"
    accepted = net.ok(email("a.admin"), "POST", path, json={"agreement_version": "dsa-2"})

    assert accepted["status"] == "active"
    assert accepted["agreement_text"] == AGREEMENT["agreement_text"]
    assert accepted["responded_by"] == net.ids[email("a.admin")] and accepted["responded_at"]
    district = net.ok(email("r1.leader"), "GET", f"/v1/districts/{ids['A']}")
    assert district["region_id"] == ids["R1"]
    [event] = outbox.payloads("district.connected")
    assert event["district_id"] == ids["A"] and event["region_id"] == ids["R1"]
    assert event["agreement_version"] == "dsa-2"
    # A token issued before the connection still works: scope is read from the database.
    me = net.ok(email("a.admin"), "GET", f"/v1/regions/{ids['R1']}")
    assert me["name"] == "Gulf ESC"


def test_accepting_another_version_than_invited_is_refused_naming_the_field(net) -> None:
    ids = _setup(net)
    invited = _invite(net, ids)
    response = net.call(
        email("a.admin"),
        "POST",
        f"/v1/connections/{invited['id']}/accept",
        json={"agreement_version": "dsa-1"},
    )
    assert response.status_code == 422
    assert response.json["error"]["field"] == "agreement_version"
    assert "rule" in response.json["error"]


def test_a_district_joins_at_most_one_region(net) -> None:
    ids = _setup(net)
    first, second = _invite(net, ids, "r1"), _invite(net, ids, "r2")
    net.ok(
        email("a.admin"),
        "POST",
        f"/v1/connections/{first['id']}/accept",
        json={"agreement_version": "dsa-2"},
    )
    late = net.call(
        email("a.admin"),
        "POST",
        f"/v1/connections/{second['id']}/accept",
        json={"agreement_version": "dsa-2"},
    )
    assert late.status_code == 409
    again = net.call(
        email("r1.admin"), "POST", "/v1/connections", json={"district_id": ids["A"], **AGREEMENT}
    )
    assert again.status_code == 409 and again.json["error"]["field"] == "district_id"


def test_either_side_disconnects_and_the_history_keeps_every_connection(net, outbox) -> None:
    ids = _setup(net)
    first = net.connect(email("r1.admin"), email("a.admin"), ids["A"])
    net.ok(email("r1.admin"), "POST", f"/v1/connections/{first}/disconnect")
    net.sign_in(email("a.admin"))  # the disconnection ended the district staff's earlier tokens
    second = net.connect(email("r1.admin"), email("a.admin"), ids["A"])
    ended = net.ok(email("a.admin"), "POST", f"/v1/connections/{second}/disconnect")
    net.sign_in(email("a.admin"))  # their own disconnection ended their earlier token too

    assert ended["status"] == "ended" and ended["ended_by"] == net.ids[email("a.admin")]
    history = net.ok(email("a.admin"), "GET", "/v1/connections")
    assert [c["id"] for c in history["items"]] == [second, first]
    assert all(c["status"] == "ended" and c["ended_at"] for c in history["items"])
    assert net.ok(email("r1.admin"), "GET", "/v1/connections?status=ended")["total"] == 2
    events = [m["type"] for m in outbox.all() if m["type"].startswith("district.")]
    assert events[-4:] == [
        "district.connected",
        "district.disconnected",
        "district.connected",
        "district.disconnected",
    ]
    assert outbox.payloads("district.disconnected")[0]["region_id"] == ids["R1"]


def test_decline_and_withdraw_close_an_invitation_without_connecting(net, outbox) -> None:
    ids = _setup(net)
    declined = _invite(net, ids)
    net.ok(email("a.admin"), "POST", f"/v1/connections/{declined['id']}/decline")
    withdrawn = _invite(net, ids)
    net.ok(email("r1.admin"), "POST", f"/v1/connections/{withdrawn['id']}/withdraw")

    statuses = {c["status"] for c in net.ok(email("r1.admin"), "GET", "/v1/connections")["items"]}
    assert statuses == {"declined", "withdrawn"}
    assert outbox.payloads("district.connected") == []
    closed = net.call(
        email("a.admin"),
        "POST",
        f"/v1/connections/{declined['id']}/accept",
        json={"agreement_version": "dsa-2"},
    )
    assert closed.status_code == 409 and closed.json["error"]["field"] == "status"


def test_only_the_parties_admins_act_on_a_connection(net) -> None:
    ids = _setup(net)
    invited = _invite(net, ids)
    accept = f"/v1/connections/{invited['id']}/accept"
    body = {"agreement_version": "dsa-2"}
    assert net.call(email("b.admin"), "POST", accept, json=body).status_code == 404
    assert (
        net.call(
            email("r1.leader"),
            "POST",
            "/v1/connections",
            json={"district_id": ids["B"], **AGREEMENT},
        ).status_code
        == 403
    )
    assert net.call(email("r2.admin"), "GET", f"/v1/connections/{invited['id']}").status_code == 404
    assert net.call(email("r1.admin"), "POST", accept, json=body).status_code == 403


def test_bad_input_names_the_field_and_rule(net) -> None:
    ids = _setup(net)
    response = net.call(
        email("r1.admin"),
        "POST",
        "/v1/connections",
        json={"district_id": "nope", "agreement_version": ""},
    )
    assert response.status_code == 422
    fields = response.json["error"]["fields"]["json"]
    assert set(fields) == {"district_id", "agreement_version", "agreement_text"}
    unknown = net.call(
        email("r1.admin"),
        "POST",
        "/v1/connections",
        json={"district_id": ids["B"], **AGREEMENT, "x": 1},
    )
    assert unknown.json["error"]["fields"]["json"] == {"x": ["Unknown field."]}
