"""`python -m canopy_anonymizer migrate|consume|keys`.

`consume` runs the consumer until SIGTERM/SIGINT: observations.raw.v1 in,
observations.anonymized.v1 (and observations.raw.dlq.v1) out. Each anonymized message is
acknowledged by the broker before its raw offset is committed, so a crash at any instant loses
nothing; what it repeats is byte-identical.

`keys` prints every key's metadata (district, school year, fingerprint, created at) as JSON
lines for operators; like the HTTP API, it never prints a key.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from canopy_anonymizer import SERVICE_NAME
from canopy_anonymizer.bootstrap import bootstrap, build_consumer
from canopy_anonymizer.handlers import CONSUMER_GROUP, TOPICS
from canopy_anonymizer.settings import Settings
from canopy_shared.db import make_engine, make_session_factory, migrate
from canopy_shared.messaging.consumer import build_kafka_consumer
from canopy_shared.messaging.publisher import KafkaSink, Publisher
from canopy_shared.runtime.entrypoints import dispatch, stop_on_signals
from canopy_shared.telemetry import configure_tracing

MIGRATIONS = Path(__file__).parent / "migrations"

log = logging.getLogger(__name__)


def print_keys(settings: Settings) -> None:
    for key in bootstrap(settings).key_store.metadata():
        print(
            json.dumps(
                {
                    "district_id": key.district_id,
                    "school_year": key.school_year,
                    "fingerprint": key.fingerprint,
                    "encrypted_at_rest": key.encrypted_at_rest,
                    "created_at": key.created_at.isoformat(),
                }
            )
        )


def consume(settings: Settings) -> None:
    configure_tracing(f"{SERVICE_NAME}-consumer")
    consume_until(settings, stop_on_signals())


def consume_until(settings: Settings, stop: threading.Event) -> None:
    # Kafka clients and the engine are built here, in the process that uses them.
    kafka = settings.common.kafka
    engine = make_engine(settings.common.database_url)
    sink = KafkaSink(kafka, client_id=CONSUMER_GROUP)
    consumer = build_consumer(
        settings,
        sessions=make_session_factory(engine),
        kafka_consumer=build_kafka_consumer(kafka, group_id=CONSUMER_GROUP, topics=TOPICS),
        publisher=Publisher(sink),
    )
    log.info("anonymizer consumer on %s started", TOPICS)
    try:
        while not stop.is_set():
            consumer.run_once()
    finally:
        consumer.close()
        sink.close()
        engine.dispose()


def main() -> None:
    settings = Settings.from_env()
    dispatch(
        {
            "migrate": lambda: migrate(settings.common.database_url, MIGRATIONS),
            "consume": lambda: consume(settings),
            "keys": lambda: print_keys(settings),
        }
    )


if __name__ == "__main__":
    main()
