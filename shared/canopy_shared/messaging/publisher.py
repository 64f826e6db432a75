"""Publishing envelopes to a topic, validated against the topic's own contract first.

Build one `Publisher` per process *after* gunicorn forks (kafka-python's sockets and threads do
not survive a fork).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kafka import KafkaProducer
from kafka.errors import KafkaError
from kafka.producer.future import FutureRecordMetadata
from opentelemetry import context, trace

from canopy_shared.contracts import Envelope, topic
from canopy_shared.messaging.kafka_producer import LINGER_MS, build_producer
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.telemetry import inject_headers

Headers = list[tuple[str, bytes]]
tracer = trace.get_tracer(__name__)


class MessageSink(Protocol):
    """Where serialized messages go: Kafka in production, a list in unit tests."""

    def send(
        self, topic_name: str, *, key: bytes | None, value: bytes, headers: Headers
    ) -> None: ...

    def flush(self) -> None: ...


class KafkaSink:
    """A Kafka producer, connected on first use: a process whose broker is away (starting,
    restarting, a rolling restart) starts anyway, and a send or flush that fails raises a
    `KafkaError` its caller retries later (a relay's batch, a consumer's batch) instead of
    exiting."""

    def __init__(
        self, settings: KafkaSettings, *, client_id: str, linger_ms: int = LINGER_MS
    ) -> None:
        self._settings = settings
        self._client_id = client_id
        self._linger_ms = linger_ms
        self._producer: KafkaProducer | None = None
        self._pending: list[FutureRecordMetadata] = []
        self._lost: KafkaError | None = None  # a send since the last flush failed

    def _connected(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = build_producer(
                self._settings, client_id=self._client_id, linger_ms=self._linger_ms
            )
        return self._producer

    def send(self, topic_name: str, *, key: bytes | None, value: bytes, headers: Headers) -> None:
        try:
            producer = self._connected()
            self._pending.append(producer.send(topic_name, key=key, value=value, headers=headers))
        except KafkaError as err:
            # The reset drops what was sent before this since the last flush: that flush must
            # fail too, or a consumer would commit the offsets of messages whose output is gone.
            self._lost = err
            self._reset()
            raise

    def flush(self) -> None:
        """Wait for every pending send; raise the first failure so callers never mark unsent
        work (outbox rows, consumer offsets) as done."""
        pending, self._pending = self._pending, []
        lost, self._lost = self._lost, None
        if lost is not None:
            raise KafkaError(f"a send since the last flush failed: {lost!r}")
        if self._producer is None:
            return
        try:
            self._producer.flush(timeout=30)
            for future in pending:
                future.get(timeout=0)
        except KafkaError:
            self._reset()
            raise

    def _reset(self) -> None:
        """After a failure start afresh: a producer can stay stuck in an error state (e.g. the
        producer id a restarted broker no longer knows), and whatever it held is resent by
        the caller anyway."""
        producer, self._producer, self._pending = self._producer, None, []
        if producer is not None:
            _discard(producer)

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)


def _discard(producer: KafkaProducer) -> None:
    """Close a producer at once, dropping what it still holds (its caller sends that again).

    kafka-python 3 flushes inside `close` and, with records still in flight, raises before it
    stops its sender thread, which would then live on, still sending; stop that thread."""
    try:
        producer.close(timeout=0)
    except KafkaError:
        producer._sender.force_close()


def serialize(topic_name: str, envelope: Envelope) -> tuple[bytes | None, bytes]:
    """Validate strictly against the topic's contract and return (key, value) bytes.

    A producer can never emit a payload its own schema rejects, nor a field the schema does not
    name (ValidationError names the field).
    """
    registered = topic(topic_name)
    registered.validate(envelope.to_dict(), strict=True)
    key = registered.key_for(envelope.payload)
    return (key.encode() if key else None), envelope.to_bytes()


@dataclass(frozen=True)
class TraceAs:
    """How a publish is traced: its span's name, parent context (None: the current one) and
    links."""

    name: str
    parent: context.Context | None = None
    links: Sequence[trace.Link] = ()


class Publisher:
    def __init__(self, sink: MessageSink) -> None:
        self._sink = sink

    def publish(
        self,
        topic_name: str,
        envelope: Envelope,
        *,
        headers: Headers | None = None,
        trace_as: TraceAs | None = None,
    ) -> None:
        """Send without waiting; call `flush` before treating the message as durable.

        The send is one producer span: a child of the current span, or as `trace_as` says
        (e.g. the first span of a new trace, linked to the one it came from)."""
        key, value = serialize(topic_name, envelope)
        trace_as = trace_as or TraceAs(f"{topic_name} publish")
        with tracer.start_as_current_span(
            trace_as.name,
            context=trace_as.parent,
            links=trace_as.links,
            kind=trace.SpanKind.PRODUCER,
            attributes={
                "messaging.destination.name": topic_name,
                "messaging.message.id": envelope.event_id,
            },
        ):
            sent_headers = list(headers) if headers is not None else inject_headers()
            self._sink.send(topic_name, key=key, value=value, headers=sent_headers)

    def publish_raw(
        self, topic_name: str, *, key: bytes | None, value: bytes, headers: Headers
    ) -> None:
        """Send bytes already validated and serialized (outbox rows, dead letters)."""
        self._sink.send(topic_name, key=key, value=value, headers=headers)

    def flush(self) -> None:
        self._sink.flush()


def decode_json(value: bytes | None) -> dict[str, Any]:
    """Decode a message value; raise ValueError with a reason a dead letter can carry."""
    if value is None:
        raise ValueError("message has no value")
    try:
        decoded = json.loads(value)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"value is not JSON: {err}") from None
    if not isinstance(decoded, dict):
        raise ValueError("value is not a JSON object")
    return decoded
