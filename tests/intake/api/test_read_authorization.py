"""Who reads which walkthroughs: the authorization matrix for list and fetch, then filters,
pagination and sharing with the teacher."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.intake.api.conftest import Network, headers_for
from tests.intake.conftest import Tokens, new_id

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


def test_a_principal_asking_for_another_school_is_refused_with_no_data(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    principal = headers_for("school_admin 1", network, tokens)
    response = client.get(f"/v1/walkthroughs?school_id={network.school2}", headers=principal)
    assert response.status_code == 403
    assert response.json["error"]["rule"] == "school_admin_own_school"
    assert network.ids["w3"] not in response.get_data(as_text=True)
    own = client.get(f"/v1/walkthroughs?school_id={network.a.school_id}", headers=principal)
    assert own.status_code == 200 and own.json["total"] == 2


def test_filter_by_whether_the_teacher_sees_it(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for("district_leader A", network, tokens)
    shared = client.get("/v1/walkthroughs?shared_with_teacher=true", headers=headers).json
    assert {i["observation_id"] for i in shared["items"]} == {network.ids["w1"]}
    private = client.get("/v1/walkthroughs?shared_with_teacher=false", headers=headers).json
    assert {i["observation_id"] for i in private["items"]} == {network.ids["w2"], network.ids["w3"]}
