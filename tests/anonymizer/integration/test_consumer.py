"""The anonymizer's consumer against a real broker: raw walkthroughs in, anonymized ones out,
nothing identifying anywhere in the output records, bad input dead-lettered while the consumer
keeps going, redeliveries and replays byte-identical."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from kafka.consumer.fetcher import ConsumerRecord
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.adapters.repositories import SqlCounters, SqlKeyStore
from canopy_anonymizer.bootstrap import AnonymizerConsumer, build_consumer
from canopy_anonymizer.domain.anonymization import anonymized_envelope, school_year_of
from canopy_anonymizer.domain.keys import DistrictYearKey
from canopy_anonymizer.domain.pseudonyms import teacher_pseudonym
from canopy_anonymizer.handlers import CONSUMER_GROUP, TOPICS
from canopy_anonymizer.settings import Settings
from canopy_shared.contracts import (
    OBSERVATIONS_ANONYMIZED,
    OBSERVATIONS_RAW,
    OBSERVATIONS_RAW_DLQ,
    Envelope,
)
from canopy_shared.messaging.consumer import build_kafka_consumer
from canopy_shared.messaging.publisher import Publisher
from canopy_shared.testing.broker import RunningBroker
from canopy_shared.testing.messaging import kafka_publisher

pytestmark = pytest.mark.integration
RAW_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CANARY_BAGGAGE = b"teacher.name=CANARY-NAME-Zebulon-Quixotic"
RAW_HEADERS = [
    ("traceparent", f"00-{RAW_TRACE_ID}-00f067aa0ba902b7-01".encode()),
    ("baggage", CANARY_BAGGAGE),
]


@pytest.fixture
def consumer(
    broker: RunningBroker, database_url: str, sessions: sessionmaker[Session]
) -> Iterator[AnonymizerConsumer]:
    kafka = broker.kafka_settings()
    built = build_consumer(
        Settings.from_env({"DATABASE_URL": database_url}),
        sessions=sessions,
        kafka_consumer=build_kafka_consumer(kafka, group_id=CONSUMER_GROUP, topics=TOPICS),
        publisher=kafka_publisher(kafka),
        max_backoff_s=0.2,
    )
    yield built
    built.close()


@pytest.fixture
def raw_publisher(broker: RunningBroker) -> Publisher:
    return kafka_publisher(broker.kafka_settings())


def consume_until(consumer: AnonymizerConsumer, done: Callable[[], bool]) -> None:
    for _ in range(150):
        consumer.run_once(poll_timeout_ms=200)
        if done():
            return
    raise AssertionError("the consumer did not get there in 150 polls")


def whole_record(record: ConsumerRecord) -> bytes:
    headers = b"".join(name.encode() + b"=" + value for name, value in record.headers or [])
    return (record.key or b"") + b"|" + record.value + b"|" + headers


def test_raw_walkthroughs_come_out_anonymized_with_no_canary_anywhere(
    broker: RunningBroker,
    consumer: AnonymizerConsumer,
    raw_publisher: Publisher,
    sessions: sessionmaker[Session],
    topic_reader: Any,
    make_raw: Callable[..., dict[str, Any]],
    canaries: tuple[str, ...],
    envelope_of: Callable[[dict[str, Any]], Envelope],
    spans: InMemorySpanExporter,
) -> None:
    raws = [make_raw(), make_raw(grade_level="K"), make_raw(subject="science")]
    for raw in raws:
        raw_publisher.publish(OBSERVATIONS_RAW.name, envelope_of(raw), headers=RAW_HEADERS)
    raw_publisher.flush()
    consume_until(consumer, lambda: SqlCounters(sessions).read()["anonymized"] == 3)
    output = topic_reader(broker.bootstrap_servers, OBSERVATIONS_ANONYMIZED.name)
    records = output.until(lambda records: len(records) >= 3)
    assert len(records) == 3

    everything = b"\n".join(whole_record(r) for r in records).decode("latin-1")
    for canary in (*canaries, RAW_TRACE_ID, CANARY_BAGGAGE.decode()):
        assert canary not in everything
        assert canary.replace("-", "") not in everything

    stored = SqlKeyStore(sessions).find(raws[0]["district_id"], "2026-2027")
    assert stored is not None  # created on first need, in the anonymizer's database only
    for record in records:
        message = OBSERVATIONS_ANONYMIZED.validate(json.loads(record.value), strict=True)
        assert record.key == message["payload"]["district_id"].encode()
        # Traced on the anonymized side too, in a trace of its own (linked, not continued).
        assert dict(record.headers)["traceparent"].startswith(b"00-")
        expected = teacher_pseudonym(stored.material, raws[0]["teacher_id"])
        assert message["payload"]["teacher_pseudonym"] == expected

    # Operators can still follow a walkthrough across the gate: the new trace links the raw one.
    gate_spans = [s for s in spans.get_finished_spans() if s.name.endswith("publish anonymized")]
    assert len(gate_spans) == 3
    for span in gate_spans:
        assert [format(link.context.trace_id, "032x") for link in span.links] == [RAW_TRACE_ID]
        assert format(span.context.trace_id, "032x") != RAW_TRACE_ID


def test_bad_raw_messages_are_dead_lettered_with_their_reason_and_the_consumer_goes_on(
    broker: RunningBroker,
    consumer: AnonymizerConsumer,
    raw_publisher: Publisher,
    sessions: sessionmaker[Session],
    topic_reader: Any,
    make_raw: Callable[..., dict[str, Any]],
    envelope_of: Callable[[dict[str, Any]], Envelope],
) -> None:
    no_teacher = envelope_of(make_raw()).to_dict()
    del no_teacher["payload"]["teacher_id"]
    unanonymizable = envelope_of(make_raw(observed_at="9999-08-01T09:00:00-05:00"))
    good = make_raw()
    raw_publisher.publish_raw(OBSERVATIONS_RAW.name, key=b"k", value=b"\xffnot json", headers=[])
    raw_publisher.publish_raw(
        OBSERVATIONS_RAW.name, key=b"k", value=json.dumps(no_teacher).encode(), headers=[]
    )
    raw_publisher.publish(OBSERVATIONS_RAW.name, unanonymizable)
    raw_publisher.publish(OBSERVATIONS_RAW.name, envelope_of(good))
    raw_publisher.flush()

    counters = SqlCounters(sessions)
    consume_until(consumer, lambda: counters.read() == {"anonymized": 1, "dead_lettered": 3})

    dead = topic_reader(broker.bootstrap_servers, OBSERVATIONS_RAW_DLQ.name).until(
        lambda records: len(records) >= 3
    )
    reasons = sorted(json.loads(r.value)["payload"]["reason"] for r in dead)
    assert "not JSON" in reasons[2]
    assert reasons[0].startswith("contract violation") and "teacher_id" in reasons[0]
    assert reasons[1].startswith("rejected by handler") and "school_year" in reasons[1]
    [anonymized] = topic_reader(broker.bootstrap_servers, OBSERVATIONS_ANONYMIZED.name).until(
        lambda records: len(records) >= 1
    )
    assert json.loads(anonymized.value)["payload"]["district_id"] == good["district_id"]


def test_redeliveries_and_replays_give_byte_identical_messages(
    broker: RunningBroker,
    consumer: AnonymizerConsumer,
    raw_publisher: Publisher,
    sessions: sessionmaker[Session],
    topic_reader: Any,
    make_raw: Callable[..., dict[str, Any]],
    envelope_of: Callable[[dict[str, Any]], Envelope],
) -> None:
    raw = make_raw()
    original = envelope_of(raw)
    replayed_later = envelope_of(dict(raw))  # intake's replay: a new raw event, same walkthrough
    for envelope in (original, original, replayed_later):
        raw_publisher.publish(OBSERVATIONS_RAW.name, envelope)
    raw_publisher.flush()

    consume_until(consumer, lambda: SqlCounters(sessions).read()["anonymized"] == 3)
    output = topic_reader(broker.bootstrap_servers, OBSERVATIONS_ANONYMIZED.name)
    records = output.until(lambda records: len(records) >= 3)
    assert len({r.value for r in records}) == 1
    stored = SqlKeyStore(sessions).find(raw["district_id"], school_year_of(raw))
    assert stored is not None
    key = DistrictYearKey(raw["district_id"], school_year_of(raw), stored.material)
    assert records[0].value == anonymized_envelope(raw, key).to_bytes()
