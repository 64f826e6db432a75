"""The one place the anonymizer's dependencies are built, for the web app, the consumer process,
the operator commands and tests alike (tests pass their own broker clients and databases).

Every process gets one `Dependencies` (after any fork). Only the consumer also builds a
`Keyring`, the one object that can unwrap a key, so no web view or command can.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kafka import KafkaConsumer
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.adapters.db import revocation_tables
from canopy_anonymizer.adapters.key_wrapping import KeyWrapping
from canopy_anonymizer.adapters.publishing import AnonymizedObservations, CountingDeadLetterer
from canopy_anonymizer.adapters.repositories import SqlCounters, SqlKeyStore
from canopy_anonymizer.handlers import CONSUMER_GROUP, build_handlers
from canopy_anonymizer.services.anonymization import anonymize_observation
from canopy_anonymizer.services.keys import Keyring
from canopy_anonymizer.services.metrics import Tally
from canopy_anonymizer.settings import Settings
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.broker_epoch import epoch_watch
from canopy_shared.messaging.consumer import ConsumerLoop
from canopy_shared.messaging.publisher import Publisher
from canopy_shared.messaging.stall_watch import stall_watch
from canopy_shared.revocation.check import RevocationList
from canopy_shared.revocation.handlers import build_revocation_handlers, merge_handlers


@dataclass(frozen=True)
class Dependencies:
    """What every anonymizer process reads and writes through."""

    key_store: SqlKeyStore
    counters: SqlCounters
    revocations: RevocationList  # the token verifier's hook


def bootstrap(settings: Settings, *, sessions: sessionmaker[Session] | None = None) -> Dependencies:
    """`sessions` from the caller when it owns the engine (the web app's infrastructure, the
    consumer that disposes of it); otherwise a pool on the configured database."""
    if sessions is None:
        sessions = make_session_factory(make_engine(settings.common.database_url))
    return Dependencies(
        key_store=SqlKeyStore(sessions),
        counters=SqlCounters(sessions),
        revocations=RevocationList(sessions, revocation_tables),
    )


def build_keyring(settings: Settings, dependencies: Dependencies) -> Keyring:
    wrapping = KeyWrapping(settings.key_encryption_key)
    return Keyring(store=dependencies.key_store, wrapping=wrapping)


@dataclass(frozen=True)
class AnonymizerConsumer:
    """The shared consumer loop with the anonymizer's handler, plus saving its metrics."""

    loop: ConsumerLoop
    tally: Tally

    def run_once(self, *, poll_timeout_ms: int = 500) -> int:
        handled = self.loop.run_once(poll_timeout_ms=poll_timeout_ms)
        self.tally.save()
        return handled

    def close(self) -> None:
        self.tally.save()
        self.loop.close()


def build_consumer(
    settings: Settings,
    *,
    sessions: sessionmaker[Session],
    kafka_consumer: KafkaConsumer,
    publisher: Publisher,
    max_backoff_s: float = 5.0,
) -> AnonymizerConsumer:
    """One publisher carries both the anonymized messages and the dead letters."""
    dependencies = bootstrap(settings, sessions=sessions)
    tally = Tally(dependencies.counters)
    output = AnonymizedObservations(publisher)
    anonymize = functools.partial(
        anonymize_observation,
        keyring=build_keyring(settings, dependencies),
        output=output,
        tally=tally,
    )
    loop = ConsumerLoop(
        kafka_consumer,
        group_id=CONSUMER_GROUP,
        handlers=merge_handlers(
            build_handlers(anonymize), build_revocation_handlers(sessions, revocation_tables)
        ),
        dead_letterer=CountingDeadLetterer(publisher, consumer_group=CONSUMER_GROUP, tally=tally),
        max_backoff_s=max_backoff_s,
        # One broker round trip per polled batch, not per message; offsets commit after it.
        before_commit=output.flush,
        epochs=epoch_watch(settings.common.kafka),
        stall_watch=stall_watch(settings.common.kafka, CONSUMER_GROUP),
    )
    return AnonymizerConsumer(loop=loop, tally=tally)
