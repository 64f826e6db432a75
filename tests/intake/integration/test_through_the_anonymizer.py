"""Intake's output through the real anonymizer consumer on a real broker: every walkthrough
comes out anonymized, and no canary — teacher and observer ids, the observation id, a
teacher's name and email written into notes, the notes themselves — occurs anywhere in any
anonymized record (key, value and headers). A replay yields byte-identical messages."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from canopy_anonymizer.__main__ import MIGRATIONS as ANONYMIZER_MIGRATIONS
from canopy_anonymizer.adapters.repositories import SqlCounters
from canopy_anonymizer.bootstrap import AnonymizerConsumer, build_consumer
from canopy_anonymizer.handlers import CONSUMER_GROUP, TOPICS
from canopy_anonymizer.settings import Settings as AnonymizerSettings
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED
from canopy_shared.db import make_engine, make_session_factory, migrate
from canopy_shared.messaging.consumer import build_kafka_consumer
from canopy_shared.testing.broker import RunningBroker, read_topic
from canopy_shared.testing.messaging import kafka_publisher, record_bytes
from tests.intake.conftest import Tokens, build_world, walkthrough_body
from tests.intake.integration.conftest import BrokerFeed

pytestmark = pytest.mark.integration

CANARY_TEACHER_ID = "c4a1a7e5-0000-4000-8000-00000000dead"
CANARY_OBSERVER_ID = "c4a1a7e5-0000-4000-8000-00000000beef"
CANARY_OBSERVATION_IDS = [f"c4a1a7e5-0000-4000-8000-0000000cafe{i}" for i in range(3)]
CANARY_NAME = "CANARY-NAME-Zebulon-Quixotic"
CANARY_EMAIL = "canary.teacher.zq@example.invalid"
CANARY_NOTES = ("CANARY-NOTE-overall-9f3b", "CANARY-NOTE-indicator-77c1")
CANARIES = (
    CANARY_TEACHER_ID,
    CANARY_OBSERVER_ID,
    *CANARY_OBSERVATION_IDS,
    CANARY_NAME,
    CANARY_EMAIL,
    *CANARY_NOTES,
)


@dataclass
class Gate:
    """The anonymizer's real consumer, on a database of its own."""

    consumer: AnonymizerConsumer
    counters: SqlCounters

    def consume_until_anonymized(self, n: int) -> None:
        for _ in range(150):
            self.consumer.run_once(poll_timeout_ms=200)
            if self.counters.read()["anonymized"] >= n:
                return
        raise AssertionError(f"the anonymizer did not reach {n} in 150 polls")


@pytest.fixture
def anonymizer(broker: RunningBroker, tmp_path: Path) -> Iterator[Gate]:
    url = f"sqlite:///{tmp_path}/anonymizer.db"
    migrate(url, ANONYMIZER_MIGRATIONS)
    kafka = broker.kafka_settings()
    sessions = make_session_factory(make_engine(url))
    built = build_consumer(
        AnonymizerSettings.from_env({"DATABASE_URL": url}),
        sessions=sessions,
        kafka_consumer=build_kafka_consumer(kafka, group_id=CONSUMER_GROUP, topics=TOPICS),
        publisher=kafka_publisher(kafka),
        max_backoff_s=0.2,
    )
    yield Gate(built, SqlCounters(sessions))
    built.close()


def test_intake_output_is_anonymized_with_no_canary_anywhere_and_replays_are_identical(
    broker: RunningBroker,
    bus_feed: BrokerFeed,
    client: FlaskClient,
    tokens: Tokens,
    relay: Callable[[], int],
    anonymizer: Gate,
) -> None:
    world = build_world(bus_feed)
    bus_feed.tenancy(
        "teacher.rostered",
        teacher_id=CANARY_TEACHER_ID,
        district_id=world.district_id,
        school_ids=[world.school_id],
    )
    bus_feed.observer(world.district_id, world.school_id, CANARY_OBSERVER_ID)
    headers = tokens.observer(world, CANARY_OBSERVER_ID)
    notes = {
        "overall": f"{CANARY_NAME} ({CANARY_EMAIL}): {CANARY_NOTES[0]}",
        "by_indicator": {"engagement.discourse": CANARY_NOTES[1]},
    }
    for observation_id in CANARY_OBSERVATION_IDS:
        body = walkthrough_body(
            world, observation_id=observation_id, teacher_id=CANARY_TEACHER_ID, notes=notes
        )
        assert client.post("/v1/walkthroughs", json=body, headers=headers).status_code == 201
    assert relay() == 3

    anonymizer.consume_until_anonymized(3)
    records = read_topic(broker.bootstrap_servers, OBSERVATIONS_ANONYMIZED.name, expect=3)
    assert len(records) == 3
    everything = b"\n".join(record_bytes(r) for r in records).decode("latin-1")
    for canary in CANARIES:
        assert canary not in everything
        assert canary.replace("-", "") not in everything
    for record in records:
        message = OBSERVATIONS_ANONYMIZED.validate(json.loads(record.value), strict=True)
        assert record.key == world.district_id.encode()
        assert message["payload"]["district_id"] == world.district_id
    assert len({json.loads(r.value)["payload"]["teacher_pseudonym"] for r in records}) == 1

    district_admin = tokens.district("district_admin", world.district_id)
    period = {"from": "2026-09-14", "to": "2026-09-14"}
    assert client.post("/v1/replays", json=period, headers=district_admin).status_code == 202
    assert relay() == 3
    anonymizer.consume_until_anonymized(6)
    records = read_topic(broker.bootstrap_servers, OBSERVATIONS_ANONYMIZED.name, expect=6)
    assert len(records) == 6
    assert len({r.value for r in records}) == 3  # each replayed message identical to its first
