"""Long-running process entrypoints shared by services: consumer loops and outbox relays, run
until SIGTERM/SIGINT, and the `python -m <service> <command>` dispatcher."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from datetime import timedelta

from sqlalchemy import Table

from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.broker_epoch import epoch_watch
from canopy_shared.messaging.consumer import ConsumerLoop, Handler, build_kafka_consumer
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.publisher import KafkaSink, Publisher
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.messaging.stall_watch import stall_watch
from canopy_shared.runtime.service_settings import CommonSettings
from canopy_shared.telemetry import configure_tracing


def stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def run_consumer(
    settings: CommonSettings, *, group_id: str, topics: list[str], handlers: Mapping[str, Handler]
) -> None:
    """A consumer process: runs until SIGTERM/SIGINT."""
    configure_tracing(f"{settings.service_name}-consumer")
    run_consumer_loop(
        settings=settings,
        group_id=group_id,
        topics=topics,
        handlers=handlers,
        stop=stop_on_signals(),
    )


def run_consumer_loop(
    *,
    settings: CommonSettings,
    group_id: str,
    topics: list[str],
    handlers: Mapping[str, Handler],
    stop: threading.Event,
) -> None:
    """Consume until `stop` is set (in a process of its own, or a thread of a web worker)."""
    consumer = build_kafka_consumer(settings.kafka, group_id=group_id, topics=topics, stop=stop)
    sink = KafkaSink(settings.kafka, client_id=f"{group_id}-dlq")
    loop = ConsumerLoop(
        consumer,
        group_id=group_id,
        handlers=handlers,
        dead_letterer=DeadLetterer(Publisher(sink), consumer_group=group_id),
        epochs=epoch_watch(settings.kafka),
        stall_watch=stall_watch(settings.kafka, group_id),
    )
    logging.getLogger(__name__).info("consumer %s on %s started", group_id, topics)
    loop.run(stop)
    sink.close()


def run_relay(settings: CommonSettings, *, outbox: Table) -> None:
    configure_tracing(f"{settings.service_name}-relay")
    sink = KafkaSink(settings.kafka, client_id=f"{settings.service_name}-relay")
    relay = outbox_relay(settings.kafka, settings.database_url, outbox, Publisher(sink))
    logging.getLogger(__name__).info("outbox relay %s started", relay.relay_id)
    relay.run(stop_on_signals())
    sink.close()


def outbox_relay(
    kafka: KafkaSettings, database_url: str, outbox: Table, publisher: Publisher
) -> OutboxRelay:
    """A relay with the runtime's recovery settings (window, broker epochs)."""
    return OutboxRelay(
        sessions=make_session_factory(make_engine(database_url)),
        table=outbox,
        publisher=publisher,
        window=timedelta(seconds=kafka.outbox_window_s),
        epochs=epoch_watch(kafka),
    )


def dispatch(commands: Mapping[str, Callable[[], None]], argv: list[str] | None = None) -> None:
    """`python -m canopy_<service> <command>`: run one of the service's commands."""
    args = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if len(args) != 1 or args[0] not in commands:
        sys.exit(f"usage: python -m <service> {{{'|'.join(sorted(commands))}}}")
    commands[args[0]]()
