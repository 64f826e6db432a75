"""Running the analytics sink: as its own process (production, `python -m canopy_analytics
consume`) or as a thread inside the single embedded web worker (chdb allows one process per
store path, so the thread shares the web app's store)."""

from __future__ import annotations

import logging
import threading

from opentelemetry import trace

from canopy_analytics.clickhouse import ClickHouseStore
from canopy_analytics.handlers import CONSUMER_GROUP, TOPICS, sink_handlers
from canopy_analytics.settings import Settings
from canopy_analytics.writer import SinkWriter
from canopy_shared.messaging.consumer import Batching, ConsumerLoop, build_kafka_consumer
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.publisher import KafkaSink, Publisher

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


def build_sink_loop(
    kafka: KafkaSettings,
    store: ClickHouseStore,
    *,
    max_messages: int = 500,
    max_wait_s: float = 1.0,
    group_id: str = CONSUMER_GROUP,
) -> tuple[ConsumerLoop, KafkaSink]:
    """The shared consumer loop, batching: every message's rows are staged, and the batch is
    written in one flush before its offsets commit (ClickHouse wants few, large inserts). A
    failed flush commits nothing; the batch is redelivered and staged again. Returns the loop
    and the dead-letter producer it owns (close it after the loop)."""
    writer = SinkWriter(store)
    dead_letters = KafkaSink(kafka, client_id=f"{group_id}-dlq")
    loop = ConsumerLoop(
        build_kafka_consumer(kafka, group_id=group_id, topics=TOPICS),
        group_id=group_id,
        handlers=sink_handlers(writer),
        dead_letterer=DeadLetterer(Publisher(dead_letters), consumer_group=group_id),
        before_commit=lambda: _flush(writer),
        batching=Batching(max_messages=max_messages, max_wait_s=max_wait_s),
    )
    return loop, dead_letters


def _flush(writer: SinkWriter) -> None:
    with tracer.start_as_current_span("analytics sink flush") as span:
        span.set_attribute("messaging.batch.message_count", writer.messages)
        inserted = writer.flush()
        span.set_attribute("analytics.walkthroughs_inserted", inserted)


def run_sink(settings: Settings, store: ClickHouseStore, stop: threading.Event) -> None:
    """Consume until `stop` is set."""
    loop, dead_letters = build_sink_loop(
        settings.common.kafka,
        store,
        max_messages=settings.sink_batch_messages,
        max_wait_s=settings.sink_batch_seconds,
    )
    log.info("analytics sink on %s started", TOPICS)
    try:
        loop.run(stop)
    finally:
        dead_letters.close()


class SinkThread:
    """The sink running in a daemon thread of this process (embedded runtime)."""

    def __init__(self, settings: Settings, store: ClickHouseStore) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=run_sink, args=(settings, store, self._stop), name="analytics-sink", daemon=True
        )

    def start(self) -> SinkThread:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 15.0) -> None:
        """Flush what is staged, commit, and stop (call before closing the store)."""
        self._stop.set()
        self._thread.join(timeout_s)


def start_sink_thread(settings: Settings, store: ClickHouseStore) -> SinkThread:
    return SinkThread(settings, store).start()
