"""A teacher acknowledges a walkthrough shared with them, once, with an optional reply; the
observer, the principal and the district see it on the walkthrough; nobody else may answer."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.intake.conftest import Feed, Tokens, World, build_world, walkthrough_body


def _submit(client: FlaskClient, headers: dict[str, str], world: World, **extra: object) -> str:
    body = walkthrough_body(world, **extra)
    response = client.post("/v1/walkthroughs", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return str(body["observation_id"])


def _teacher(tokens: Tokens, world: World) -> dict[str, str]:
    return tokens.school("teacher", world.school_id, world.district_id, teacher_id=world.teacher_id)


def _acknowledge(
    client: FlaskClient, headers: dict[str, str], observation_id: str, **body: object
) -> object:
    return client.post(
        f"/v1/walkthroughs/{observation_id}/acknowledgement", json=body, headers=headers
    )


def test_the_teacher_acknowledges_once_and_the_observer_sees_the_reply(
    client: FlaskClient, tokens: Tokens, world: World
) -> None:
    observer = tokens.observer(world)
    shared = _submit(client, observer, world, shared_with_teacher=True)
    teacher = _teacher(tokens, world)
    before = client.get(f"/v1/walkthroughs/{shared}", headers=teacher).json
    assert before["acknowledgement"] is None

    answer = _acknowledge(client, teacher, shared, reply="  Thanks, I'll try the pairs.  ")
    assert answer.status_code == 201, answer.json
    assert answer.json["reply"] == "Thanks, I'll try the pairs."
    assert answer.json["observation_id"] == shared

    for reader in (
        observer,
        tokens.school("school_admin", world.school_id, world.district_id),
        tokens.district("district_leader", world.district_id),
        teacher,
    ):
        seen = client.get(f"/v1/walkthroughs/{shared}", headers=reader).json["acknowledgement"]
        assert seen["reply"] == "Thanks, I'll try the pairs.", seen
        assert seen["acknowledged_at"] == answer.json["acknowledged_at"]
    listed = client.get("/v1/walkthroughs", headers=observer).json["items"]
    assert [i["acknowledgement"]["reply"] for i in listed] == ["Thanks, I'll try the pairs."]


def test_a_second_answer_is_refused_with_a_clear_conflict(
    client: FlaskClient, tokens: Tokens, world: World
) -> None:
    shared = _submit(client, tokens.observer(world), world, shared_with_teacher=True)
    teacher = _teacher(tokens, world)
    assert _acknowledge(client, teacher, shared).status_code == 201  # no reply: acknowledged
    again = _acknowledge(client, teacher, shared, reply="One more thing")
    assert again.status_code == 409, again.json
    error = again.json["error"]
    assert (error["field"], error["rule"]) == ("observation_id", "acknowledged_once")
    assert "already acknowledged" in error["message"]
    seen = client.get(f"/v1/walkthroughs/{shared}", headers=teacher).json["acknowledgement"]
    assert seen["reply"] is None  # the first answer stands


def test_only_the_teacher_it_was_shared_with_may_answer(
    client: FlaskClient, feed: Feed, tokens: Tokens, world: World
) -> None:
    observer = tokens.observer(world)
    unshared = _submit(client, observer, world)
    shared = _submit(client, observer, world, shared_with_teacher=True)
    teacher = _teacher(tokens, world)
    assert _acknowledge(client, teacher, unshared).status_code == 404  # not shared: not seen

    colleague = feed.teacher(world.district_id, world.school_id)
    other = tokens.school("teacher", world.school_id, world.district_id, teacher_id=colleague)
    assert _acknowledge(client, other, shared).status_code == 404
    for role in ("observer", "school_admin"):
        refused = _acknowledge(
            client, tokens.school(role, world.school_id, world.district_id), shared
        )
        assert refused.status_code == 403, (role, refused.json)
    assert (
        _acknowledge(
            client, tokens.district("district_admin", world.district_id), shared
        ).status_code
        == 403
    )
    assert (
        _acknowledge(client, tokens.region("region_coach", world.region_id), shared).status_code
        == 403
    )

    elsewhere = build_world(feed)
    stranger = _teacher(tokens, elsewhere)
    assert _acknowledge(client, stranger, shared).status_code == 404
    assert client.get(f"/v1/walkthroughs/{shared}", headers=teacher).json["acknowledgement"] is None


def test_a_reply_is_text_of_bounded_length(
    client: FlaskClient, tokens: Tokens, world: World
) -> None:
    shared = _submit(client, tokens.observer(world), world, shared_with_teacher=True)
    teacher = _teacher(tokens, world)
    too_long = _acknowledge(client, teacher, shared, reply="x" * 2001)
    assert too_long.status_code == 422
    assert "reply" in too_long.json["error"]["fields"]["json"]
    unknown = _acknowledge(client, teacher, shared, mood="happy")
    assert unknown.status_code == 422
    assert _acknowledge(client, teacher, shared, reply=None).status_code == 201
