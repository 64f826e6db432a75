"""The bus around template distribution, on a real Tansu broker: tenancy publishing to
`tenancy.events.v1`, this service's consumer loop and outbox relay, and a reader of
`templates.events.v1` that checks every message against the contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from canopy_shared.contracts import TEMPLATES_EVENTS, TENANCY_EVENTS, Envelope
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.testing.broker import RunningBroker, read_topic
from canopy_shared.testing.messaging import consumer_loop, kafka_publisher, run_until
from canopy_templates.adapters.db import outbox
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.handlers import CONSUMER_GROUP, TOPICS, build_handlers
from canopy_templates.settings import Settings


class Bus:
    def __init__(
        self,
        broker: RunningBroker,
        settings: Settings,
        unit_of_work: Callable[[], UnitOfWork],
    ) -> None:
        kafka = broker.kafka_settings()
        self.bootstrap_servers = broker.bootstrap_servers
        self._tenancy = kafka_publisher(kafka)
        self.consumed: list[str] = []
        handlers = build_handlers(unit_of_work)
        self._loop = consumer_loop(
            kafka,
            group_id=CONSUMER_GROUP,
            topics=TOPICS,
            handlers={t: self._recording(h) for t, h in handlers.items()},
        )
        sessions = make_session_factory(make_engine(settings.common.database_url))
        self._relay = OutboxRelay(sessions=sessions, table=outbox, publisher=kafka_publisher(kafka))
        self.relayed = 0

    def _recording(self, handler: Callable[[Any], None]) -> Callable[[Any], None]:
        def handle(message: Any) -> None:
            handler(message)
            self.consumed.append(message.event_id)

        return handle

    def tenancy(self, event_type: str, **payload: Any) -> Envelope:
        """Tenancy publishes an event and this service's consumer applies it."""
        envelope = Envelope(type=event_type, producer="tenancy", payload=payload)
        self._tenancy.publish(TENANCY_EVENTS.name, envelope)
        self._tenancy.flush()
        run_until(self._loop, lambda: envelope.event_id in self.consumed)
        return envelope

    def relay(self) -> int:
        """Publish everything the outbox holds; returns how many messages went out."""
        sent = 0
        while batch := self._relay.run_once():
            sent += batch
        self.relayed += sent
        return sent

    def template_events(self) -> list[Any]:
        """Every templates.events.v1 record so far, each checked strictly against the
        contract and keyed by its owner."""
        records = read_topic(self.bootstrap_servers, TEMPLATES_EVENTS.name, expect=self.relayed)
        assert len(records) == self.relayed
        for record in records:
            message = json.loads(record.value)
            TEMPLATES_EVENTS.validate(message, strict=True)
            assert record.key.decode() == message["payload"]["owner_id"]
        return records


@pytest.fixture
def bus(broker: RunningBroker, settings: Settings, uow_factory) -> Bus:
    return Bus(broker, settings, uow_factory)


def payloads(records: list[Any], event_type: str) -> list[dict[str, Any]]:
    messages = [json.loads(r.value) for r in records]
    return [m["payload"] for m in messages if m["type"] == event_type]


@pytest.fixture
def by_type() -> Callable[[list[Any], str], list[dict[str, Any]]]:
    return payloads
