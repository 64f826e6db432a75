"""A device retrying an upload several times at once (flaky network, several workers): one
walkthrough is stored and one raw message is written, whoever wins the race."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from werkzeug.test import TestResponse

from canopy_intake.adapters.repositories import WalkthroughRepository
from tests.intake.conftest import Stored, Tokens, World

RETRIES = 6


def race(app: Flask, requests: list[tuple[dict[str, Any], dict[str, str]]]) -> list[TestResponse]:
    """Send every request at the same moment, each from its own thread and client."""
    start = threading.Barrier(len(requests))
    responses: list[TestResponse | None] = [None] * len(requests)

    def send(i: int) -> None:
        body, headers = requests[i]
        client = app.test_client()
        start.wait()
        responses[i] = client.post("/v1/walkthroughs", json=body, headers=headers)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(r is not None for r in responses)
    return [r for r in responses if r is not None]


def test_concurrent_identical_retries_store_one_walkthrough_and_one_message(
    app: Flask,
    tokens: Tokens,
    world: World,
    make_body: Callable[..., dict[str, Any]],
    stored: Stored,
) -> None:
    body, headers = make_body(), tokens.observer(world)
    responses = race(app, [(body, headers)] * RETRIES)

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * (RETRIES - 1) + [201], [r.json for r in responses]
    assert len({str(r.json) for r in responses}) == 1  # everyone sees the stored walkthrough
    assert stored.walkthroughs() == 1
    assert len(stored.raw_messages()) == 1


def test_concurrent_uploads_of_different_content_under_one_id_keep_exactly_one(
    app: Flask,
    tokens: Tokens,
    world: World,
    make_body: Callable[..., dict[str, Any]],
    stored: Stored,
) -> None:
    first = make_body()
    variants = [{**first, "duration_minutes": minutes} for minutes in range(10, 10 + RETRIES)]
    responses = race(app, [(v, tokens.observer(world)) for v in variants])

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (RETRIES - 1), [r.json for r in responses]
    [winner] = [r for r in responses if r.status_code == 201]
    [message] = stored.raw_messages()
    assert message["payload"]["duration_minutes"] == winner.json["duration_minutes"]


def test_losing_the_race_between_check_and_insert_still_answers_idempotently(
    app: Flask,
    tokens: Tokens,
    world: World,
    make_body: Callable[..., dict[str, Any]],
    stored: Stored,
    monkeypatch: Any,
) -> None:
    """Deterministically: the other upload commits after this one looked and found nothing,
    so this one's insert hits the primary key and must answer from the winner's row. (A single
    POST no longer looks before inserting, #17: its insert is the check; the blinded look is
    the batch's, and kept so that a look added back must survive the race too.)"""
    body, headers = make_body(), tokens.observer(world)
    client = app.test_client()
    assert client.post("/v1/walkthroughs", json=body, headers=headers).status_code == 201
    real_stored = WalkthroughRepository.stored
    looks: list[Any] = []

    def blind_first_look(self: WalkthroughRepository, observation_ids: Any) -> Any:
        looks.append(observation_ids)
        return {} if len(looks) == 1 else real_stored(self, observation_ids)

    monkeypatch.setattr(WalkthroughRepository, "stored", blind_first_look)
    same = client.post("/v1/walkthroughs", json=body, headers=headers)
    changed = {**body, "duration_minutes": 30}
    looks.clear()
    different = client.post("/v1/walkthroughs", json=changed, headers=headers)

    assert same.status_code == 200, same.json
    assert different.status_code == 409, different.json
    assert len(stored.raw_messages()) == 1
