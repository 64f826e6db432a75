"""Connecting a district, end to end on a real Tansu broker: the HTTP request writes the
event to tenancy's outbox, the real relay publishes it, and a consumer in its own group reads
`district.connected` from the topic, validated against the contract, keyed by district."""

from __future__ import annotations

import pytest

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.testing.broker import RunningBroker
from canopy_shared.testing.messaging import consumer_loop, kafka_publisher, run_until
from canopy_tenancy.adapters.db import outbox

pytestmark = pytest.mark.integration


def _relay_everything(broker: RunningBroker, database_url: str) -> int:
    relay = OutboxRelay(
        sessions=make_session_factory(make_engine(database_url)),
        table=outbox,
        publisher=kafka_publisher(broker.kafka_settings()),
    )
    sent = 0
    while batch := relay.run_once():
        sent += batch
    return sent


def test_a_connected_district_is_consumed_from_the_real_broker(
    broker: RunningBroker, net, database_url: str
) -> None:
    region = net.bootstrap("region", "Gulf ESC", "r.admin@canopy.test")
    district = net.bootstrap("district", "Brazos ISD", "d.admin@canopy.test")
    net.connect("r.admin@canopy.test", "d.admin@canopy.test", district)

    assert _relay_everything(broker, database_url) == 3  # region, district, connection
    received = []
    loop = consumer_loop(
        broker.kafka_settings(),
        group_id="tenancy-test-reader",
        topics=[TENANCY_EVENTS.name],
        handlers={"district.connected": received.append},
    )
    run_until(loop, lambda: bool(received))

    [connected] = received
    assert connected.payload["district_id"] == district
    assert connected.payload["region_id"] == region
    assert connected.payload["agreement_version"] == "dsa-1"
    assert connected.key == district
    assert _relay_everything(broker, database_url) == 0  # published once, marked sent
