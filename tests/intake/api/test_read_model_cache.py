"""Intake keeps its read-model lookups per process until a consumed event changes the read
models (#17). A change that arrives after a walkthrough was accepted must refuse the next one
exactly as it would have without that earlier lookup."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.intake.api.test_validation_rules import CASES, Case
from tests.intake.conftest import Feed, Stored, Tokens, World, walkthrough_body

# The rules broken by an event that arrives after the walkthrough's school, teacher, observer
# and template were known and good.
LATER = {
    "observer unassigned",
    "teacher moved away",
    "teacher removed",
    "version retired",
    "push revoked",
}


@pytest.mark.parametrize("case", [c for c in CASES if c.name in LATER], ids=lambda c: c.name)
def test_a_change_after_an_accepted_walkthrough_refuses_the_next(
    case: Case,
    client: FlaskClient,
    tokens: Tokens,
    feed: Feed,
    world: World,
    stored: Stored,
) -> None:
    accepted = client.post(
        "/v1/walkthroughs", json=walkthrough_body(world), headers=tokens.observer(world)
    )
    assert accepted.status_code == 201, accepted.json

    request_body, headers = case.build(feed, world, tokens)
    response = client.post("/v1/walkthroughs", json=request_body, headers=headers)

    assert response.status_code == case.status, response.json
    error = response.json["error"]
    assert (error["field"], error["rule"]) == (case.field, case.rule)
    assert stored.walkthroughs() == 1
    assert len(stored.raw_messages()) == 1
