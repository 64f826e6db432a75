"""A region coach submits walkthroughs only at the schools a district of their region assigned
them to; the walkthroughs are that district's; the coach reads only their own; taking the
school away (`observer.unassigned` from tenancy) stops the next submission there."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.intake.conftest import Feed, Stored, Tokens, World, build_world, new_id, walkthrough_body


def _coach(tokens: Tokens, region_id: str, user_id: str) -> dict[str, str]:
    return tokens.region_coach(region_id, user_id)


def test_a_coach_submits_where_assigned_and_the_walkthrough_is_the_districts(
    client: FlaskClient, feed: Feed, tokens: Tokens, world: World, stored: Stored
) -> None:
    coach_id = feed.observer(world.district_id, world.school_id, new_id())
    coach = _coach(tokens, world.region_id, coach_id)
    body = walkthrough_body(world)
    created = client.post("/v1/walkthroughs", json=body, headers=coach)
    assert created.status_code == 201, created.json
    assert created.json["district_id"] == world.district_id
    assert created.json["region_id"] == world.region_id
    assert created.json["observer_id"] == coach_id
    (message,) = stored.raw_messages()
    assert message["payload"]["district_id"] == world.district_id

    district = tokens.district("district_admin", world.district_id)
    listed = client.get("/v1/walkthroughs", headers=district).json["items"]
    assert [i["observation_id"] for i in listed] == [body["observation_id"]]


def test_a_coach_is_refused_at_a_school_not_assigned(
    client: FlaskClient, feed: Feed, tokens: Tokens, world: World
) -> None:
    coach_id = feed.observer(world.district_id, world.school_id, new_id())
    other_school = feed.school(world.district_id, "Oak Middle")
    teacher = feed.teacher(world.district_id, other_school)
    feed.assign(
        world.version_id, world.template_id, world.district_id, world.district_id, other_school
    )
    body = walkthrough_body(world, school_id=other_school, teacher_id=teacher)
    refused = client.post(
        "/v1/walkthroughs", json=body, headers=_coach(tokens, world.region_id, coach_id)
    )
    assert refused.status_code == 403, refused.json
    assert refused.json["error"]["rule"] == "may_observe_at_school"


def test_a_coach_of_another_region_is_refused_even_if_assigned(
    client: FlaskClient, feed: Feed, tokens: Tokens, world: World
) -> None:
    coach_id = feed.observer(world.district_id, world.school_id, new_id())
    refused = client.post(
        "/v1/walkthroughs", json=walkthrough_body(world), headers=_coach(tokens, new_id(), coach_id)
    )
    assert refused.status_code == 403, refused.json


def test_revoking_the_assignment_stops_the_next_submission(
    client: FlaskClient, feed: Feed, tokens: Tokens, world: World
) -> None:
    coach_id = feed.observer(world.district_id, world.school_id, new_id())
    coach = _coach(tokens, world.region_id, coach_id)
    assert (
        client.post("/v1/walkthroughs", json=walkthrough_body(world), headers=coach).status_code
        == 201
    )
    feed.tenancy(
        "observer.unassigned",
        user_id=coach_id,
        district_id=world.district_id,
        school_id=world.school_id,
    )
    refused = client.post("/v1/walkthroughs", json=walkthrough_body(world), headers=coach)
    assert refused.status_code == 403, refused.json
    batch = client.post(
        "/v1/walkthroughs/batch", json={"walkthroughs": [walkthrough_body(world)]}, headers=coach
    )
    assert batch.json["results"][0]["http_status"] == 403


def test_a_coach_reads_only_their_own_walkthroughs(
    client: FlaskClient, feed: Feed, tokens: Tokens, world: World
) -> None:
    coach_id = feed.observer(world.district_id, world.school_id, new_id())
    coach = _coach(tokens, world.region_id, coach_id)
    own = walkthrough_body(world)
    assert client.post("/v1/walkthroughs", json=own, headers=coach).status_code == 201
    theirs = walkthrough_body(world)
    observer = tokens.observer(world)
    assert client.post("/v1/walkthroughs", json=theirs, headers=observer).status_code == 201
    other = build_world(feed, world.region_id)
    elsewhere = walkthrough_body(other)
    assert (
        client.post("/v1/walkthroughs", json=elsewhere, headers=tokens.observer(other)).status_code
        == 201
    )

    listed = client.get("/v1/walkthroughs", headers=coach).json
    assert [i["observation_id"] for i in listed["items"]] == [own["observation_id"]]
    assert client.get(f"/v1/walkthroughs/{own['observation_id']}", headers=coach).status_code == 200
    for hidden in (theirs, elsewhere):
        answer = client.get(f"/v1/walkthroughs/{hidden['observation_id']}", headers=coach)
        assert answer.status_code == 404
    shared = client.put(
        f"/v1/walkthroughs/{own['observation_id']}/sharing", json={"shared": True}, headers=coach
    )
    assert shared.status_code == 200 and shared.json["shared_with_teacher"] is True
