"""Intake on the real broker: read models fed from the bus, the relay publishing walkthroughs to
observations.raw.v1 keyed by district, a replay re-publishing them with the same ids."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from canopy_shared.contracts import OBSERVATIONS_RAW
from canopy_shared.testing.broker import RunningBroker, read_topic
from tests.intake.conftest import Tokens, build_world, walkthrough_body
from tests.intake.integration.conftest import BrokerFeed

pytestmark = pytest.mark.integration


def test_walkthroughs_reach_the_raw_topic_keyed_by_district_and_replay_keeps_their_ids(
    broker: RunningBroker,
    bus_feed: BrokerFeed,
    client: FlaskClient,
    tokens: Tokens,
    relay: Callable[[], int],
) -> None:
    worlds = [build_world(bus_feed), build_world(bus_feed)]  # two districts, from the bus
    for world in worlds:
        body = walkthrough_body(world)
        response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
        assert response.status_code == 201, response.json
    assert relay() == 2

    records = read_topic(broker.bootstrap_servers, OBSERVATIONS_RAW.name, expect=2)
    assert len(records) == 2
    for record in records:
        message = OBSERVATIONS_RAW.validate(json.loads(record.value), strict=True)
        assert record.key == message["payload"]["district_id"].encode()
        assert dict(record.headers)["traceparent"].startswith(b"00-")  # the request's trace
    assert {json.loads(r.value)["payload"]["district_id"] for r in records} == {
        w.district_id for w in worlds
    }

    replayed = client.post(
        "/v1/replays",
        json={"from": "2026-09-01", "to": "2026-09-30"},
        headers=tokens.district("district_admin", worlds[0].district_id),
    )
    assert replayed.json["walkthroughs"] == 1
    assert relay() == 1
    records = read_topic(broker.bootstrap_servers, OBSERVATIONS_RAW.name, expect=3)
    first = [r.value for r in records if r.key == worlds[0].district_id.encode()]
    assert len(first) == 2 and first[0] == first[1]  # same event id, same bytes
