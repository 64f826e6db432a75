"""A device's batch is judged item by item exactly as POST /v1/walkthroughs judges each
walkthrough, though it is validated against read models loaded once and stored in one
transaction: the same statuses and error bodies, repeated ids inside one batch, and a
concurrent upload of one of its ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from canopy_intake.adapters.repositories import WalkthroughRepository
from tests.intake.conftest import Stored, Tokens, World, new_id

Body = Callable[..., dict[str, Any]]


def sync(client: FlaskClient, headers: dict[str, str], items: list[Any]) -> dict[str, Any]:
    response = client.post("/v1/walkthroughs/batch", json={"walkthroughs": items}, headers=headers)
    assert response.status_code == 200, response.json
    answer: dict[str, Any] = response.json
    return answer


def test_each_item_answers_what_the_single_endpoint_answers(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body
) -> None:
    headers = tokens.observer(world)
    ratings = [{"indicator_key": "engagement.on_task", "value": 9}]
    bodies = [
        make_body(teacher_id=new_id()),
        make_body(school_id=new_id()),
        make_body(template_version_id=new_id()),
        make_body(template_id=new_id()),
        make_body(ratings=ratings),
        make_body(observed_at="2999-01-01T09:00:00+00:00"),
        make_body(duration_minutes=0),
    ]
    results = sync(client, headers, bodies)["results"]

    for body, result in zip(bodies, results, strict=True):
        single = client.post("/v1/walkthroughs", json=body, headers=headers)
        assert result["http_status"] == single.status_code
        if single.status_code != 422:  # a request-level 422 names its location ("json")
            assert result["error"] == single.json["error"]


def test_an_id_repeated_in_one_batch_is_stored_once(
    client: FlaskClient, tokens: Tokens, world: World, make_body: Body, stored: Stored
) -> None:
    first = make_body()
    changed = {**first, "duration_minutes": first["duration_minutes"] + 1}
    results = sync(client, tokens.observer(world), [first, dict(first), changed])["results"]

    assert [r["http_status"] for r in results] == [201, 200, 409]
    assert results[1]["walkthrough"] == results[0]["walkthrough"]
    assert results[2]["error"]["rule"] == "same_content_for_same_id"
    assert stored.walkthroughs() == 1
    assert len(stored.raw_messages()) == 1


def test_an_id_stored_concurrently_sends_the_batch_item_by_item(
    client: FlaskClient,
    tokens: Tokens,
    world: World,
    make_body: Body,
    stored: Stored,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers = tokens.observer(world)
    raced, fresh = make_body(), make_body()
    client.post("/v1/walkthroughs", json=raced, headers=headers)
    look_up = WalkthroughRepository.stored
    calls = []

    def unseen_once(self: WalkthroughRepository, ids: Any) -> Any:
        # The first lookup misses the row, as if the other upload committed just after it.
        calls.append(ids)
        return {} if len(calls) == 1 else look_up(self, ids)

    monkeypatch.setattr(WalkthroughRepository, "stored", unseen_once)
    answer = sync(client, headers, [fresh, raced])

    assert [r["status"] for r in answer["results"]] == ["created", "unchanged"]
    assert stored.walkthroughs() == 2
    assert len(stored.raw_messages()) == 2
