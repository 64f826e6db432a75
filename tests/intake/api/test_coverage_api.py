"""Coverage a principal can act on: rostered teachers observed or not in a window, visits per
observer against the district's weekly target, per school; who may read it and set it."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.intake.api.conftest import Network, headers_for
from tests.intake.conftest import Feed, Tokens

# The network's walkthroughs: w1 (09-14) and w2 (09-20) of teacher 1 at school 1 by observer 1;
# w3 (09-14) of teacher 2 at school 2 by observer 2; w4 in district B.
FALL = "from=2026-07-01&to=2026-12-31"


def coverage(client: FlaskClient, headers: dict[str, str], query: str = FALL) -> Any:
    response = client.get(f"/v1/coverage?{query}", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_district_sees_every_rostered_teacher_with_visits_and_last_visit(
    client: FlaskClient, tokens: Tokens, network: Network, feed: Feed
) -> None:
    a = network.a
    never = feed.teacher(a.district_id, a.school_id)
    body = coverage(client, headers_for("district_leader A", network, tokens))
    teachers = {(t["teacher_id"], t["school_id"]): t for t in body["teachers"]}
    assert set(teachers) == {
        (a.teacher_id, a.school_id),
        (never, a.school_id),
        (network.teacher2, network.school2),
    }
    assert teachers[(a.teacher_id, a.school_id)]["walkthroughs"] == 2
    assert teachers[(a.teacher_id, a.school_id)]["last_observed_on"] == "2026-09-20"
    assert teachers[(never, a.school_id)] == {
        "teacher_id": never,
        "school_id": a.school_id,
        "walkthroughs": 0,
        "last_observed_on": None,
    }
    schools = {s["school_id"]: s for s in body["schools"]}
    assert schools[a.school_id] == {
        "school_id": a.school_id,
        "school_name": "Cedar Elementary",
        "teachers": 2,
        "teachers_observed": 1,
        "walkthroughs": 2,
    }
    assert (body["from"], body["to"], body["district_id"]) == (
        "2026-07-01",
        "2026-12-31",
        a.district_id,
    )


def test_a_window_counts_only_its_visits_and_remembers_the_last_one(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    a = network.a
    body = coverage(
        client, headers_for("district_admin A", network, tokens), "from=2026-09-15&to=2026-09-30"
    )
    teachers = {t["teacher_id"]: t for t in body["teachers"]}
    assert teachers[a.teacher_id]["walkthroughs"] == 1
    assert teachers[network.teacher2]["walkthroughs"] == 0
    assert teachers[network.teacher2]["last_observed_on"] == "2026-09-14"  # before the window
    early = coverage(
        client, headers_for("district_admin A", network, tokens), "from=2026-09-01&to=2026-09-13"
    )
    assert {t["last_observed_on"] for t in early["teachers"]} == {None}


def test_visits_per_observer_against_the_target(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    a, leader = network.a, headers_for("district_leader A", network, tokens)
    assert (
        client.get("/v1/coverage/target", headers=leader).json["weekly_visits_per_observer"] is None
    )
    saved = client.put(
        "/v1/coverage/target", json={"weekly_visits_per_observer": 3}, headers=leader
    )
    assert saved.status_code == 200, saved.json
    assert saved.json["weekly_visits_per_observer"] == 3
    body = coverage(client, leader, "from=2026-09-14&to=2026-09-27")  # two weeks
    assert (body["weekly_target"], body["expected_per_observer"]) == (3, 6)
    observers = {(o["observer_id"], o["school_id"]): o for o in body["observers"]}
    assert observers[(a.observer_id, a.school_id)]["walkthroughs"] == 2
    assert observers[(a.observer_id, a.school_id)]["assigned"] is True
    assert observers[(network.observer2, network.school2)]["walkthroughs"] == 1
    principal = headers_for("school_admin 1", network, tokens)
    assert (
        client.get("/v1/coverage/target", headers=principal).json["weekly_visits_per_observer"] == 3
    )


@pytest.mark.parametrize("caller", ["school_admin 1", "observer 1", "teacher 1", "region_admin"])
def test_only_district_roles_set_the_target(
    caller: str, client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for(caller, network, tokens)
    response = client.put(
        "/v1/coverage/target", json={"weekly_visits_per_observer": 2}, headers=headers
    )
    assert response.status_code == 403


def test_a_target_is_a_small_whole_number(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for("district_admin A", network, tokens)
    for bad in (0, 51, "3", 2.5):
        response = client.put(
            "/v1/coverage/target", json={"weekly_visits_per_observer": bad}, headers=headers
        )
        assert response.status_code == 422, bad
        assert "weekly_visits_per_observer" in str(response.json["error"]["fields"])


def test_a_principal_sees_only_their_school_and_is_refused_another(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    a, principal = network.a, headers_for("school_admin 1", network, tokens)
    body = coverage(client, principal)
    assert {s["school_id"] for s in body["schools"]} == {a.school_id}
    assert {t["school_id"] for t in body["teachers"]} == {a.school_id}
    assert {o["school_id"] for o in body["observers"]} == {a.school_id}
    refused = client.get(f"/v1/coverage?school_id={network.school2}", headers=principal)
    assert refused.status_code == 403
    assert refused.json["error"]["rule"] == "school_admin_own_school"
    assert network.teacher2 not in refused.get_data(as_text=True)


MATRIX = [
    ("district_admin A", 200),
    ("district_leader A", 200),
    ("school_admin 1", 200),
    ("observer 1", 403),
    ("teacher 1", 403),
    ("region_admin", 403),
    ("region_leader", 403),
]


@pytest.mark.parametrize(("caller", "status"), MATRIX, ids=[m[0] for m in MATRIX])
def test_who_reads_coverage(
    caller: str, status: int, client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for(caller, network, tokens)
    assert client.get("/v1/coverage", headers=headers).status_code == status
    assert client.get("/v1/coverage/target", headers=headers).status_code == status


def test_district_b_sees_none_of_district_a(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    body = coverage(client, headers_for("district_admin B", network, tokens))
    assert {s["school_id"] for s in body["schools"]} == {network.b.school_id}
    other = client.get(
        f"/v1/coverage?school_id={network.a.school_id}",
        headers=headers_for("district_admin B", network, tokens),
    )
    assert other.status_code == 200 and other.json["schools"] == [] and other.json["teachers"] == []


def test_a_bad_window_names_the_field(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for("district_admin A", network, tokens)
    backwards = client.get("/v1/coverage?from=2026-09-15&to=2026-09-01", headers=headers)
    assert backwards.status_code == 422 and backwards.json["error"]["field"] == "to"
    too_long = client.get("/v1/coverage?from=2025-01-01&to=2026-09-01", headers=headers)
    assert too_long.status_code == 422 and too_long.json["error"]["field"] == "from"
