"""The one place the anonymizer's dependencies are built, for the consumer process, the web app
and tests alike (tests pass their own broker clients and databases)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kafka import KafkaConsumer
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.db import SqlCounters, SqlKeyStore
from canopy_anonymizer.handlers import CONSUMER_GROUP, build_handlers
from canopy_anonymizer.key_wrapping import KeyWrapping
from canopy_anonymizer.keyring import Keyring
from canopy_anonymizer.metrics import CountingDeadLetterer, Tally
from canopy_anonymizer.publishing import AnonymizedObservations
from canopy_anonymizer.services import anonymize_observation
from canopy_anonymizer.settings import Settings
from canopy_shared.messaging.consumer import ConsumerLoop
from canopy_shared.messaging.publisher import Publisher


def build_keyring(settings: Settings, sessions: sessionmaker[Session]) -> Keyring:
    return Keyring(store=SqlKeyStore(sessions), wrapping=KeyWrapping(settings.key_encryption_key))


@dataclass(frozen=True)
class AnonymizerConsumer:
    """The shared consumer loop with the anonymizer's handler, plus saving its metrics."""

    loop: ConsumerLoop
    kafka_consumer: KafkaConsumer
    tally: Tally

    def run_once(self, *, poll_timeout_ms: int = 500) -> int:
        handled = self.loop.run_once(poll_timeout_ms=poll_timeout_ms)
        self.tally.save()
        return handled

    def close(self) -> None:
        self.tally.save()
        self.kafka_consumer.close(autocommit=False)


def build_consumer(
    settings: Settings,
    *,
    sessions: sessionmaker[Session],
    kafka_consumer: KafkaConsumer,
    publisher: Publisher,
    max_backoff_s: float = 5.0,
) -> AnonymizerConsumer:
    """One publisher carries both the anonymized messages and the dead letters."""
    tally = Tally(SqlCounters(sessions))
    output = AnonymizedObservations(publisher)
    anonymize = functools.partial(
        anonymize_observation, keyring=build_keyring(settings, sessions), output=output, tally=tally
    )
    loop = ConsumerLoop(
        kafka_consumer,
        group_id=CONSUMER_GROUP,
        handlers=build_handlers(anonymize),
        dead_letterer=CountingDeadLetterer(publisher, consumer_group=CONSUMER_GROUP, tally=tally),
        max_backoff_s=max_backoff_s,
        # One broker round trip per polled batch, not per message; offsets commit after it.
        before_commit=output.flush,
    )
    return AnonymizerConsumer(loop=loop, kafka_consumer=kafka_consumer, tally=tally)
