"""Submitting walkthroughs: stored with their raw message in one go, retries answered from
what was stored, a reused id with new content refused, batches handled item by item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.intake.conftest import Stored, Tokens, World, new_id

Body = Callable[..., dict[str, Any]]


def test_a_walkthrough_is_stored_with_names_and_announced_keyed_by_district(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body, stored: Stored
) -> None:
    body = make_body()
    response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))

    assert response.status_code == 201, response.json
    view = response.json
    assert view["observation_id"] == body["observation_id"]
    assert view["observer_id"] == world.observer_id
    assert (view["school_name"], view["district_name"]) == ("Cedar Elementary", "Brazos ISD")
    assert view["template_title"] == "Brazos Walkthrough"
    assert view["ratings"][0]["label"] == "Proficient"
    assert view["observed_on"] == "2026-09-14"

    [message] = stored.raw_messages()  # validated strictly against the contract, keyed by district
    payload = message["payload"]
    assert payload["observation_id"] == body["observation_id"]
    assert payload["region_id"] == world.region_id
    assert payload["template_id"] == world.template_id
    assert payload["notes"] == body["notes"]


def test_a_retry_with_the_same_content_answers_the_stored_result_and_sends_nothing_new(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body, stored: Stored
) -> None:
    body = make_body()
    first = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
    reordered = {**body, "ratings": list(reversed(body["ratings"]))}
    again = client.post("/v1/walkthroughs", json=reordered, headers=tokens.observer(world))

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json == first.json
    assert stored.walkthroughs() == 1
    assert len(stored.raw_messages()) == 1


def test_the_same_id_with_different_content_is_a_conflict(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body, stored: Stored
) -> None:
    body = make_body()
    client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
    changed = {**body, "duration_minutes": 13}
    response = client.post("/v1/walkthroughs", json=changed, headers=tokens.observer(world))

    assert response.status_code == 409
    assert response.json["error"]["field"] == "observation_id"
    assert response.json["error"]["rule"] == "same_content_for_same_id"
    assert len(stored.raw_messages()) == 1


def test_another_observer_reusing_an_id_gets_a_conflict_not_the_walkthrough(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body, feed: Any
) -> None:
    other = feed.observer(world.district_id, world.school_id)
    body = make_body()
    client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
    response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world, other))

    assert response.status_code == 409
    assert "teacher_id" not in response.json["error"]


def test_a_batch_stores_the_good_items_and_explains_each_bad_one(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body, stored: Stored
) -> None:
    good, duplicate = make_body(), make_body()
    client.post("/v1/walkthroughs", json=duplicate, headers=tokens.observer(world))
    items = [
        good,
        make_body(teacher_id=new_id()),
        duplicate,
        {**make_body(), "duration_minutes": 0},
        "not an object",
    ]
    response = client.post(
        "/v1/walkthroughs/batch", json={"walkthroughs": items}, headers=tokens.observer(world)
    )

    assert response.status_code == 200, response.json
    results = response.json["results"]
    assert [r["status"] for r in results] == [
        "created",
        "rejected",
        "unchanged",
        "rejected",
        "rejected",
    ]
    assert [r["http_status"] for r in results] == [201, 422, 200, 422, 422]
    assert results[0]["walkthrough"]["observation_id"] == good["observation_id"]
    assert results[1]["error"]["field"] == "teacher_id"
    assert "duration_minutes" in results[3]["error"]["fields"]
    assert (response.json["created"], response.json["rejected"]) == (1, 3)
    assert stored.walkthroughs() == 2
    assert len(stored.raw_messages()) == 2


def test_a_batch_must_hold_walkthroughs(client: FlaskClient, tokens: Tokens, world: World) -> None:
    response = client.post(
        "/v1/walkthroughs/batch", json={"walkthroughs": []}, headers=tokens.observer(world)
    )
    assert response.status_code == 422
    assert "walkthroughs" in response.json["error"]["fields"]["json"]


def test_a_principal_runs_walkthroughs_at_their_own_school(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body
) -> None:
    headers = tokens.school("school_admin", world.school_id, world.district_id)
    response = client.post("/v1/walkthroughs", json=make_body(), headers=headers)
    assert response.status_code == 201, response.json


def test_district_and_region_roles_do_not_submit(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body
) -> None:
    for headers in (
        tokens.district("district_admin", world.district_id),
        tokens.region("region_admin", world.region_id),
        tokens.school("teacher", world.school_id, world.district_id),
    ):
        response = client.post("/v1/walkthroughs", json=make_body(), headers=headers)
        assert response.status_code == 403
