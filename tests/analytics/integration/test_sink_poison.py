"""issue #15: one record ClickHouse cannot store never stalls the sink. A walkthrough observed
in 1900 (ClickHouse's Date starts in 1970) used to fail every flush of its batch, rewind and
retry forever, freezing every district's figures; now that one message goes to the dead-letter
topic with its reason and the walkthroughs around it reach ClickHouse."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.bootstrap import build_sink_loop
from canopy_shared.testing.broker import RunningBroker, read_topic
from tests.analytics.integration.test_sink_on_broker import INDICATORS, publish, walkthroughs

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("poison_day", [date(1900, 9, 14), date(1969, 12, 31)])
def test_a_walkthrough_clickhouse_cannot_store_is_dead_lettered_and_the_next_one_lands(
    poison_day: date, broker: RunningBroker, store: ClickHouseStore, network, topic_of
) -> None:
    school = network.school(network.district(network.region()), 10)
    template = network.template(INDICATORS)
    good_before = network.walkthrough(
        school, 0, date(2026, 9, 8), {"engagement": 3}, template_id=template
    )
    poison = network.walkthrough(school, 1, poison_day, {"engagement": 2}, template_id=template)
    good_after = network.walkthrough(
        school, 2, date(2026, 9, 9), {"engagement": 4}, template_id=template
    )
    publish(broker, [*network.events, good_before, poison, good_after], topic_of)

    loop, dead_letters = build_sink_loop(
        broker.kafka_settings(), store, max_messages=1000, max_wait_s=0.2,
        group_id=f"g-{uuid.uuid4().hex[:6]}",
    )  # fmt: skip
    try:
        for _ in range(200):
            loop.run_once(poll_timeout_ms=100)
            if walkthroughs(store) == 2:
                break
    finally:
        loop.close()
        dead_letters.close()

    assert walkthroughs(store) == 2  # both good walkthroughs, and only them
    stored = {key for (key,) in store.query_rows("SELECT observation_key FROM observation_facts")}
    assert stored == {good_before.payload["observation_key"], good_after.payload["observation_key"]}
    dead = read_topic(broker.bootstrap_servers, "observations.anonymized.dlq.v1", expect=1)
    assert len(dead) == 1
    letter = dead[0].value.decode()
    assert poison.payload["observation_key"] in letter
    assert "ClickHouse refused its rows" in letter
