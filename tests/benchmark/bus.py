"""The bus side: how far each pipeline stage has got (from the broker's own offsets), and the
bus ceiling (raw kafka-python produce -> consume of same-sized messages on the same broker).

Stage progress is read, not inferred: the relay's progress is the raw topic's end offset, the
anonymizer's and the analytics sink's are their groups' committed offsets, and both commit only
after their effect is durable (anonymized message sent; rows inserted in ClickHouse).

Tansu (0.6, memory storage) answers ListOffsets "latest" with the base offset of a partition's
last record batch + 1, not its last offset + 1 (measured: three 10-record batches read back
as offsets 0-29, end offset 21); every record is stored and fetched. So the raw topic's stage
trails by at most one producer batch per partition (a relay batch is up to 500): its rate over
a phase is right, its count at one instant is low. The committed offsets are exact."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import KafkaError
from kafka.structs import TopicPartition

from canopy_shared.contracts.topics import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW
from canopy_shared.messaging.kafka_producer import build_producer
from canopy_shared.messaging.kafka_settings import KafkaSettings

# A topic's consumer group is named after the consuming service (contracts registry).
STAGES = (
    ("raw topic: relay or injected", OBSERVATIONS_RAW.name, None),
    ("anonymizer: raw -> anonymized", OBSERVATIONS_RAW.name, OBSERVATIONS_RAW.consumers[0]),
    (
        "sink: anonymized -> ClickHouse",
        OBSERVATIONS_ANONYMIZED.name,
        OBSERVATIONS_ANONYMIZED.consumers[0],
    ),
)


class Offsets:
    def __init__(self, bootstrap: str) -> None:
        self._bootstrap = bootstrap
        self._consumer = KafkaConsumer(bootstrap_servers=bootstrap, client_id="bench-offsets")
        # A consumer that names a group but never subscribes only reads its committed offsets.
        self._readers: dict[str, KafkaConsumer] = {}

    def _partitions(self, topic: str) -> list[TopicPartition]:
        return [TopicPartition(topic, p) for p in self._consumer.partitions_for_topic(topic)]

    def end(self, topic: str) -> int:
        return sum(self._consumer.end_offsets(self._partitions(topic)).values())

    def committed(self, group: str, topic: str) -> int:
        if group not in self._readers:
            self._readers[group] = KafkaConsumer(
                bootstrap_servers=self._bootstrap, group_id=group, enable_auto_commit=False
            )
        reader = self._readers[group]
        return sum(reader.committed(tp) or 0 for tp in self._partitions(topic))

    def stages(self) -> list[int]:
        return [
            self.end(topic) if group is None else self.committed(group, topic)
            for _, topic, group in STAGES
        ]

    def close(self) -> None:
        for reader in self._readers.values():
            reader.close(autocommit=False)
        self._consumer.close()


@dataclass
class StageSampler:
    """Samples every stage's progress twice a second in a thread."""

    bootstrap: str
    samples: list[tuple[float, list[int]]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> StageSampler:
        threading.Thread(target=self._run, daemon=True).start()
        return self

    def _run(self) -> None:
        offsets = Offsets(self.bootstrap)
        try:
            while not self._stop.is_set():
                # A sample lost to a busy broker is just a gap in the series.
                with contextlib.suppress(KafkaError, OSError):
                    self.samples.append((time.monotonic(), offsets.stages()))
                self._stop.wait(0.5)
        finally:
            offsets.close()

    def stop(self) -> None:
        self._stop.set()

    def latest(self) -> list[int]:
        return self.samples[-1][1] if self.samples else [0, 0, 0]

    def wait_for(self, stage: int, target: int, timeout_s: float) -> bool:
        """True once `stage` (0 relay, 1 anonymizer, 2 sink) has reached `target` messages."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.latest()[stage] >= target:
                return True
            time.sleep(0.5)
        return False


def wait_until_caught_up(bootstrap: str, quiet_s: float, timeout_s: float) -> dict[str, Any]:
    """After a restart on the embedded broker (memory storage: its log starts empty), the
    relays re-publish what the outboxes sent within their window and the pipeline runs it all
    again (idempotently) into the store the answers read. Waits until the anonymizer and the
    sink have committed everything on their topics and no stage moved for `quiet_s`: the
    steady state a warm answer is timed in. Returns the messages the sink went through since
    the restart (the broker's log, so its offsets, started at 0) and how long the wait took."""
    offsets = Offsets(bootstrap)
    start = time.monotonic()
    settled_at, last = start, None
    try:
        while time.monotonic() - start < timeout_s:
            with contextlib.suppress(KafkaError, OSError):
                stages = offsets.stages()
                ends = stages[0], offsets.end(OBSERVATIONS_ANONYMIZED.name)
                if stages != last:
                    settled_at, last = time.monotonic(), stages
                through = stages[1] >= ends[0] and stages[2] >= ends[1]
                if through and time.monotonic() - settled_at >= quiet_s:
                    return {
                        "replayed": stages[2],
                        "seconds": round(settled_at - start, 1),
                    }
            time.sleep(0.5)
    finally:
        offsets.close()
    return {"replayed": None, "seconds": None, "error": f"not caught up after {timeout_s} s"}


def stage_rates(samples: list[tuple[float, list[int]]], since: float) -> list[dict[str, float]]:
    """Per stage: walkthroughs/s between reaching 10 % and 90 % of its growth after `since`
    (the steady middle of the backlog drain, without start-up and tail)."""
    window = [(t, v) for t, v in samples if t >= since]
    rates = []
    for i, (name, _, _) in enumerate(STAGES):
        rates.append({"stage": name, **_steady_rate([(t, v[i]) for t, v in window])})
    return rates


def _steady_rate(points: list[tuple[float, int]]) -> dict[str, float]:
    if len(points) < 2 or points[-1][1] <= points[0][1]:
        return {"per_s": 0.0, "messages": 0}
    base, growth = points[0][1], points[-1][1] - points[0][1]
    low = next(p for p in points if p[1] - base >= 0.1 * growth)
    high = next(p for p in points if p[1] - base >= 0.9 * growth)
    if high[0] <= low[0]:
        return {"per_s": 0.0, "messages": growth}
    return {"per_s": round((high[1] - low[1]) / (high[0] - low[0]), 1), "messages": growth}


def sample_messages(bootstrap: str, topic: str, count: int) -> list[bytes]:
    """Up to `count` real messages from the start of a topic."""
    consumer = KafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", consumer_timeout_ms=5000
    )
    try:
        return [record.value for record, _ in zip(consumer, range(count), strict=False)]
    finally:
        consumer.close()


def bus_ceiling(bootstrap: str, value: bytes, messages: int, partitions: int) -> dict[str, float]:
    """Produce `messages` copies of `value` (keyed like the observation topics, same producer
    settings as the services' KafkaSink) while another process consumes them in a group;
    walkthroughs/s from the first send to the last message consumed."""
    topic = f"bench.ceiling.{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="bench-ceiling")
    admin.create_topics([NewTopic(topic, partitions, 1)])
    admin.close()
    context = multiprocessing.get_context("spawn")
    ready, done = context.Event(), context.Queue()
    consumer = context.Process(target=_consume, args=(bootstrap, topic, messages, ready, done))
    consumer.start()
    ready.wait(60)
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, retries=5)
    start = time.monotonic()
    for n in range(messages):
        producer.send(topic, key=str(n % 97).encode(), value=value)
    producer.flush(60)
    produced = time.monotonic() - start
    finished = done.get(timeout=600)
    consumer.join(30)
    producer.close()
    return {
        "messages": messages,
        "message_bytes": len(value),
        "produce_per_s": round(messages / produced, 1),
        "end_to_end_per_s": round(messages / (finished - start), 1),
    }


def _consume(bootstrap: str, topic: str, messages: int, ready, done) -> None:  # type: ignore[no-untyped-def]
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=f"{topic}-group",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        max_poll_interval_ms=10_000,
    )
    consumer.subscribe([topic])
    while not consumer.assignment():
        consumer.poll(timeout_ms=200)
    ready.set()
    seen = 0
    while seen < messages:
        for records in consumer.poll(timeout_ms=500, max_records=500).values():
            seen += len(records)
        consumer.commit()
    done.put(time.monotonic())
    consumer.close()


def hop_ceiling(bootstrap: str, value: bytes, messages: int, partitions: int) -> dict[str, float]:
    """The anonymizer's parts alone: a backlog of `messages` copies of `value` is consumed by one
    process in a group that decodes and re-encodes each as JSON and produces it onto another
    topic (the services' producer settings), flushing, then committing, once per polled batch,
    as the anonymizer does. Walkthroughs/s from its first poll to its last commit. What the
    anonymizer spends beyond this is Canopy's own work: contract checks, the rule, spans."""
    source, target = (f"bench.hop.{uuid.uuid4().hex[:8]}.{side}" for side in ("in", "out"))
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="bench-hop")
    admin.create_topics([NewTopic(t, partitions, 1) for t in (source, target)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, retries=5)
    for n in range(messages):
        producer.send(source, key=str(n % 97).encode(), value=value)
    producer.flush(120)
    producer.close()
    context = multiprocessing.get_context("spawn")
    done = context.Queue()
    hop = context.Process(target=_hop, args=(bootstrap, source, target, messages, done))
    hop.start()
    first, last = done.get(timeout=900)
    hop.join(30)
    return {"messages": messages, "per_s": round(messages / (last - first), 1)}


def _hop(bootstrap: str, source: str, target: str, messages: int, done) -> None:  # type: ignore[no-untyped-def]
    consumer = KafkaConsumer(
        source,
        bootstrap_servers=bootstrap,
        group_id=f"{source}-group",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    producer = build_producer(KafkaSettings(bootstrap), client_id="bench-hop")  # the services'
    seen, first = 0, None
    while seen < messages:
        for records in consumer.poll(timeout_ms=500, max_records=500).values():
            first = first or time.monotonic()
            for record in records:
                producer.send(
                    target, key=record.key, value=json.dumps(json.loads(record.value)).encode()
                )
            seen += len(records)
        producer.flush(60)
        consumer.commit()
    done.put((first, time.monotonic()))
    producer.close()
    consumer.close()


def inject_raw(
    bootstrap: str, templates: list[bytes], messages: int, *, districts: int | None = None
) -> float:
    """Produce `messages` copies of a real raw walkthrough (new event and observation ids each)
    onto the raw topic, as fast as the bus takes them, from another process; the time taken.
    This is the back-fill load the pipeline must sustain, without intake's own limit.
    `districts`: spread the copies over that many fresh districts (keys) instead of the
    network's own, each with a fresh school of its own: a school is filed under one district
    (copies of the network's schools filed under other districts made the region's release
    contradict itself, and every region answer failed)."""
    context = multiprocessing.get_context("spawn")
    done = context.Queue()
    producer = context.Process(
        target=_produce_raw, args=(bootstrap, templates, messages, districts, done)
    )
    producer.start()
    seconds = float(done.get(timeout=900))
    producer.join(30)
    return seconds


def _produce_raw(bootstrap: str, templates: list[bytes], messages: int, districts, done) -> None:  # type: ignore[no-untyped-def]
    envelopes = [json.loads(t) for t in templates]
    fresh = [(str(uuid.uuid4()), str(uuid.uuid4())) for _ in range(districts or 0)]
    keyed = []
    for n in range(messages):
        envelope = envelopes[n % len(envelopes)]
        envelope["event_id"] = str(uuid.uuid4())
        envelope["payload"]["observation_id"] = str(uuid.uuid4())
        if fresh:
            district_id, school_id = fresh[n % len(fresh)]
            envelope["payload"] |= {"district_id": district_id, "school_id": school_id}
        keyed.append((envelope["payload"]["district_id"].encode(), json.dumps(envelope).encode()))
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, retries=5)
    start = time.monotonic()
    for key, value in keyed:
        producer.send(OBSERVATIONS_RAW.name, key=key, value=value)
    producer.flush(600)
    done.put(time.monotonic() - start)
    producer.close()
