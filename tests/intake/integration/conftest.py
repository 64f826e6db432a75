"""The bus around observation intake on a real Tansu broker: tenancy and template distribution
publishing, intake's consumer loop and outbox relay, readers of observations.raw.v1."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from canopy_intake.adapters.db import outbox
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.handlers import CONSUMER_GROUP, TOPICS, build_handlers
from canopy_intake.settings import Settings
from canopy_shared.contracts import Envelope
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import ConsumedMessage, Handler
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.testing.broker import RunningBroker
from canopy_shared.testing.messaging import consumer_loop, kafka_publisher, run_until
from tests.intake.conftest import Feed


class BrokerFeed(Feed):
    """Events published to the real broker and applied by intake's own consumer loop."""

    def __init__(self, broker: RunningBroker, unit_of_work: Callable[[], UnitOfWork]) -> None:
        super().__init__(unit_of_work)
        kafka = broker.kafka_settings()
        self._publisher = kafka_publisher(kafka)
        self.consumed: set[str] = set()
        recording = {t: self._recording(h) for t, h in build_handlers(unit_of_work).items()}
        self._loop = consumer_loop(
            kafka, group_id=CONSUMER_GROUP, topics=TOPICS, handlers=recording
        )

    def _recording(self, handler: Handler) -> Handler:
        def handle(message: ConsumedMessage) -> None:
            handler(message)
            self.consumed.add(message.event_id)

        return handle

    def deliver(self, topic_name: str, envelope: Envelope) -> Envelope:
        self._publisher.publish(topic_name, envelope)
        self._publisher.flush()
        run_until(self._loop, lambda: envelope.event_id in self.consumed)
        self.delivered.append(envelope)
        return envelope


@pytest.fixture
def bus_feed(broker: RunningBroker, uow_factory: Callable[[], UnitOfWork]) -> BrokerFeed:
    return BrokerFeed(broker, uow_factory)


@pytest.fixture
def relay(broker: RunningBroker, settings: Settings) -> Callable[[], int]:
    """Publish everything intake's outbox holds; returns how many messages went out."""
    sessions = make_session_factory(make_engine(settings.common.database_url))
    relay = OutboxRelay(
        sessions=sessions, table=outbox, publisher=kafka_publisher(broker.kafka_settings())
    )

    def run() -> int:
        sent = 0
        while batch := relay.run_once():
            sent += batch
        return sent

    return run
