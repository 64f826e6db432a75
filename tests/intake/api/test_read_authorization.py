"""Who reads which walkthroughs: the authorization matrix for list and fetch, then filters,
pagination and sharing with the teacher."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from tests.intake.conftest import Feed, Tokens, World, build_world, new_id, walkthrough_body


@dataclass
class Network:
    a: World  # district A, school 1 (observer O1, teacher T1)
    school2: str
    observer2: str
    teacher2: str
    b: World  # another district
    ids: dict[str, str]  # w1 (shared), w2, w3 (school 2), w4 (district B)


def submit(client: FlaskClient, headers: dict[str, str], world: World, **overrides: object) -> str:
    body = walkthrough_body(world, **overrides)
    response = client.post("/v1/walkthroughs", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return str(body["observation_id"])


@pytest.fixture
def network(client: FlaskClient, feed: Feed, tokens: Tokens) -> Network:
    a, b = build_world(feed), build_world(feed)
    school2 = feed.school(a.district_id, "Oak Middle")
    teacher2 = feed.teacher(a.district_id, school2)
    observer2 = feed.observer(a.district_id, school2)
    feed.assign(a.version_id, a.template_id, a.district_id, a.district_id, school2)
    o1, o2 = tokens.observer(a), tokens.observer(a, observer2)
    ids = {
        "w1": submit(client, o1, a, shared_with_teacher=True),
        "w2": submit(client, o1, a, observed_at="2026-09-20T10:00:00-05:00"),
        "w3": submit(client, o2, a, school_id=school2, teacher_id=teacher2),
        "w4": submit(client, tokens.observer(b), b),
    }
    return Network(a, school2, observer2, teacher2, b, ids)


def headers_for(caller: str, net: Network, tokens: Tokens) -> dict[str, str]:
    a, b = net.a, net.b
    return {
        "district_admin A": tokens.district("district_admin", a.district_id),
        "district_leader A": tokens.district("district_leader", a.district_id),
        "district_admin B": tokens.district("district_admin", b.district_id),
        "school_admin 1": tokens.school("school_admin", a.school_id, a.district_id),
        "school_admin 2": tokens.school("school_admin", net.school2, a.district_id),
        "observer 1": tokens.observer(a),
        "observer 2": tokens.observer(a, net.observer2),
        "teacher 1": tokens.school("teacher", a.school_id, a.district_id, teacher_id=a.teacher_id),
        "teacher 2": tokens.school("teacher", net.school2, a.district_id, teacher_id=net.teacher2),
        "region_admin": tokens.region("region_admin", a.region_id),
        "region_leader": tokens.region("region_leader", a.region_id),
        "region_coach": tokens.region_coach(a.region_id, new_id()),
        "teacher without roster link": tokens.school("teacher", a.school_id, a.district_id),
    }[caller]


MATRIX = [
    ("district_admin A", {"w1", "w2", "w3"}),
    ("district_leader A", {"w1", "w2", "w3"}),
    ("district_admin B", {"w4"}),
    ("school_admin 1", {"w1", "w2"}),
    ("school_admin 2", {"w3"}),
    ("observer 1", {"w1", "w2"}),
    ("observer 2", {"w3"}),
    ("teacher 1", {"w1"}),  # w2 is of them too, but not shared
    ("teacher 2", set()),
    ("region_coach", set()),  # a coach reads only what they ran, however assigned
]
REFUSED = ["region_admin", "region_leader", "teacher without roster link"]


@pytest.mark.parametrize(("caller", "visible"), MATRIX, ids=[m[0] for m in MATRIX])
def test_each_role_lists_and_fetches_exactly_its_scope(
    caller: str, visible: set[str], client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for(caller, network, tokens)
    listed = client.get("/v1/walkthroughs", headers=headers)
    assert listed.status_code == 200, listed.json
    names = {v: k for k, v in network.ids.items()}
    assert {names[item["observation_id"]] for item in listed.json["items"]} == visible
    for name, observation_id in network.ids.items():
        fetched = client.get(f"/v1/walkthroughs/{observation_id}", headers=headers)
        assert fetched.status_code == (200 if name in visible else 404), (name, fetched.json)


@pytest.mark.parametrize("caller", REFUSED)
def test_region_roles_and_unlinked_teachers_read_nothing(
    caller: str, client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for(caller, network, tokens)
    assert client.get("/v1/walkthroughs", headers=headers).status_code == 403
    one = client.get(f"/v1/walkthroughs/{network.ids['w1']}", headers=headers)
    assert one.status_code == 403


def test_reads_need_a_valid_token(client: FlaskClient, network: Network) -> None:
    assert client.get("/v1/walkthroughs").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert client.get(f"/v1/walkthroughs/{network.ids['w1']}", headers=bad).status_code == 401


def test_filters_narrow_within_scope(client: FlaskClient, tokens: Tokens, network: Network) -> None:
    headers = headers_for("district_admin A", network, tokens)
    a, ids = network.a, network.ids

    def listed(query: str) -> set[str]:
        response = client.get(f"/v1/walkthroughs?{query}", headers=headers)
        assert response.status_code == 200, response.json
        return {item["observation_id"] for item in response.json["items"]}

    assert listed(f"school_id={network.school2}") == {ids["w3"]}
    assert listed(f"teacher_id={a.teacher_id}") == {ids["w1"], ids["w2"]}
    assert listed(f"template_id={a.template_id}") == {ids["w1"], ids["w2"], ids["w3"]}
    assert listed(f"template_id={new_id()}") == set()
    assert listed("observed_from=2026-09-15") == {ids["w2"]}
    assert listed("observed_to=2026-09-14") == {ids["w1"], ids["w3"]}
    assert listed(f"school_id={network.b.school_id}") == set()  # other district: still nothing
    bad = client.get(
        "/v1/walkthroughs?observed_from=2026-09-15&observed_to=2026-09-01", headers=headers
    )
    assert bad.status_code == 422
    assert "observed_to" in str(bad.json["error"]["fields"])


def test_pages_walk_through_everything_newest_first(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for("district_admin A", network, tokens)
    first = client.get("/v1/walkthroughs?limit=2", headers=headers).json
    second = client.get(f"/v1/walkthroughs?limit=2&offset={first['next_offset']}", headers=headers)
    assert (first["total"], first["next_offset"]) == (3, 2)
    assert second.json["next_offset"] is None
    days = [i["observed_on"] for i in first["items"] + second.json["items"]]
    assert days == sorted(days, reverse=True)
    assert len({i["observation_id"] for i in first["items"] + second.json["items"]}) == 3
    assert client.get("/v1/walkthroughs?limit=500", headers=headers).status_code == 422


def test_sharing_shows_a_walkthrough_to_its_teacher(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    teacher = headers_for("teacher 1", network, tokens)
    w2 = network.ids["w2"]
    assert client.get(f"/v1/walkthroughs/{w2}", headers=teacher).status_code == 404

    other_observer = headers_for("observer 2", network, tokens)
    denied = client.put(
        f"/v1/walkthroughs/{w2}/sharing", json={"shared": True}, headers=other_observer
    )
    assert denied.status_code == 404  # not theirs to see, so not theirs to share
    shared = client.put(
        f"/v1/walkthroughs/{w2}/sharing", json={"shared": True}, headers=tokens.observer(network.a)
    )
    assert shared.status_code == 200 and shared.json["shared_with_teacher"] is True
    assert client.get(f"/v1/walkthroughs/{w2}", headers=teacher).status_code == 200
    forbidden = client.put(
        f"/v1/walkthroughs/{w2}/sharing", json={"shared": False}, headers=teacher
    )
    assert forbidden.status_code == 403
