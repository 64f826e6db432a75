"""The one place analytics' dependencies are built, per process (after gunicorn forks), for the
web app, the sink consumer and the commands alike; tests pass their own store and broker.

The sink runs as its own process in production (`python -m canopy_analytics consume`) or as a
thread of the single embedded web worker (chdb allows one process per store path, so the thread
shares the web app's store).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore, connect
from canopy_analytics.adapters.clickhouse.writer import BatchWriter
from canopy_analytics.adapters.db import revocation_tables
from canopy_analytics.adapters.goals import GoalRepository
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.adapters.releases import ReleaseLog
from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.exports.bootstrap import Exports, build_exports
from canopy_analytics.exports.settings import ExportSettings
from canopy_analytics.handlers import (
    CONSUMER_GROUP,
    TOPICS,
    dead_letter_refused,
    flush_batch,
    sink_handlers,
)
from canopy_analytics.services.release_warmer import ReleaseWarmer
from canopy_analytics.services.releases import ReleaseCadence, Releases
from canopy_analytics.settings import DEFAULT_SINK_BATCH_MESSAGES, Settings
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.broker_epoch import epoch_watch
from canopy_shared.messaging.consumer import Batching, ConsumerLoop, build_kafka_consumer
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.publisher import KafkaSink, Publisher
from canopy_shared.messaging.stall_watch import stall_watch
from canopy_shared.revocation.check import RevocationList
from canopy_shared.runtime.infrastructure import Infrastructure

log = logging.getLogger(__name__)

# A batch the sink has caught up with is written this soon (issue #17, freshness): a trickle of
# walkthroughs reaches the dashboards within it (at most ten small inserts a second); a
# backlog still goes in batches of `ANALYTICS_SINK_BATCH_MESSAGES`.
SINK_CAUGHT_UP_WAIT_S = 0.1


@dataclass(frozen=True)
class Dependencies:
    settings: Settings
    store: ClickHouseStore
    memo: LruMemo  # decided cubes and dimension lookups, by data version
    exports: Exports
    sink: SinkThread | None  # the in-process sink (embedded runtime only)
    revocations: RevocationList  # the token verifier's hook (cutoffs the sink recorded)
    releases: Releases  # the region release cuts (issue #19)
    cadence: ReleaseCadence  # cuts a release every interval
    warmer: ReleaseWarmer  # decides each new release before its first answer
    goals: GoalRepository

    @property
    def rule(self) -> PrivacyRule:
        return self.settings.privacy_rule

    def stop(self) -> None:
        """Stop the background threads (the sink first: it flushes its batch)."""
        if self.sink is not None:
            self.sink.stop()
        self.cadence.stop()
        self.warmer.stop()
        self.exports.stop()


def bootstrap(
    settings: Settings,
    infra: Infrastructure,
    store: ClickHouseStore | None = None,
    exports: ExportSettings | None = None,
) -> Dependencies:
    store = store or connect(settings.clickhouse_dsn)
    memo = LruMemo()
    releases = region_releases(settings, infra.sessions)
    return Dependencies(
        settings=settings,
        store=store,
        memo=memo,
        exports=build_exports(
            exports or ExportSettings.from_env(),
            infra=infra,
            kafka=settings.common.kafka,
            store=store,
            rule=settings.privacy_rule,
            memo=memo,
            releases=releases,
        ),
        # chdb allows one process per store: the sink shares this process's store.
        sink=SinkThread(settings, store).start() if settings.sink_in_process else None,
        revocations=RevocationList(infra.sessions, revocation_tables),
        releases=releases,
        cadence=ReleaseCadence(releases).start(),
        warmer=ReleaseWarmer(
            store, settings.privacy_rule, memo, releases, settings.release_warm_seconds
        ).start(),
        goals=GoalRepository(infra.sessions),
    )


def region_releases(settings: Settings, sessions: sessionmaker[Session]) -> Releases:
    """The release cuts in analytics' SQL database, for the web app and the commands alike."""
    return Releases(ReleaseLog(sessions), settings.region_release, settings.release_grace)


def build_sink_loop(
    kafka: KafkaSettings,
    store: ClickHouseStore,
    *,
    max_messages: int = DEFAULT_SINK_BATCH_MESSAGES,
    max_wait_s: float = 1.0,
    group_id: str = CONSUMER_GROUP,
    sessions: sessionmaker[Session] | None = None,
) -> tuple[ConsumerLoop, KafkaSink]:
    """The shared consumer loop, batching: each message's rows are staged, and the batch is
    written in one flush before its offsets commit (ClickHouse wants few, large inserts). A
    failed flush commits nothing; the batch is redelivered and staged again. `sessions`:
    analytics' SQL database, where revoked tokens' cutoffs are recorded. Returns the loop and
    the dead-letter producer it owns (close it after the loop)."""
    dead_letters = KafkaSink(kafka, client_id=f"{group_id}-dlq")
    dead_letterer = DeadLetterer(Publisher(dead_letters), consumer_group=group_id)
    writer = BatchWriter(store, dead_letter=dead_letter_refused(dead_letterer))
    loop = ConsumerLoop(
        build_kafka_consumer(kafka, group_id=group_id, topics=TOPICS),
        group_id=group_id,
        handlers=sink_handlers(writer, sessions),
        dead_letterer=dead_letterer,
        before_commit=lambda: flush_batch(writer),
        batching=Batching(
            max_messages=max_messages,
            max_wait_s=max_wait_s,
            caught_up_wait_s=min(SINK_CAUGHT_UP_WAIT_S, max_wait_s),
        ),
        epochs=epoch_watch(kafka),
        stall_watch=stall_watch(kafka, group_id),
    )
    return loop, dead_letters


def run_sink(settings: Settings, store: ClickHouseStore, stop: threading.Event) -> None:
    """Consume until `stop` is set."""
    loop, dead_letters = build_sink_loop(
        settings.common.kafka,
        store,
        max_messages=settings.sink_batch_messages,
        max_wait_s=settings.sink_batch_seconds,
        sessions=make_session_factory(make_engine(settings.common.database_url)),
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
