"""Publishing a region's snapshot to its partner topic through the service's outbox.

The snapshot is written to the outbox in the same transaction that marks the export published,
so it is sent if and only if the export says so. The relay then sends it; a region's topic is
created when a snapshot for it is first sent (topic names are per region). If the broker is
down, the row waits in the outbox and the scheduler's next tick sends it.
"""

from __future__ import annotations

import logging
import threading
import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from canopy_analytics import SERVICE_NAME
from canopy_analytics.exports.datasets import Report
from canopy_analytics.exports.db import export_jobs, outbox
from canopy_analytics.exports.jobs import SCHEDULE, now
from canopy_analytics.exports.snapshot import snapshot_payload
from canopy_shared.contracts import EXPORTS_REGION, Envelope, topic
from canopy_shared.contracts.exports_region_v1 import SNAPSHOT_PUBLISHED
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.outbox import add_to_outbox
from canopy_shared.messaging.publisher import KafkaSink, Publisher
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.messaging.topics_admin import ensure_topics
from canopy_shared.web.errors import Forbidden

log = logging.getLogger(__name__)


class PartnerPublisher:
    def __init__(self, sessions: sessionmaker[Session], kafka: KafkaSettings) -> None:
        self._sessions = sessions
        self._kafka = kafka
        self._relay: OutboxRelay | None = None  # built on first use: no broker at start-up
        self._created: set[str] = set()
        self._lock = threading.Lock()

    def publish(self, report: Report, *, export_id: str, trigger: str) -> str:
        tier, _, region_id = report.plan.org.partition(":")
        if tier != "region":
            raise Forbidden("only a region's export is published to partners", rule="region")
        snapshot_id = str(uuid.uuid4())
        # A requested export reaches partners because its requester published it.
        kind = "schedule" if trigger == SCHEDULE else "publish"
        payload = snapshot_payload(
            report, snapshot_id=snapshot_id, export_id=export_id, trigger=kind
        )
        envelope = Envelope(type=SNAPSHOT_PUBLISHED, payload=payload, producer=SERVICE_NAME)
        name = EXPORTS_REGION.for_region(region_id).name
        with self._sessions.begin() as session:
            add_to_outbox(session, outbox, name, envelope)
            session.execute(
                update(export_jobs)
                .where(export_jobs.c.export_id == export_id)
                .values(published_at=now(), snapshot_id=snapshot_id)
            )
        self.send_pending()
        return snapshot_id

    def send_pending(self) -> int:
        """Create the topics pending rows go to, then relay them; returns rows sent."""
        with self._lock:
            try:
                self._ensure_topics()
                relay = self._relay or self._build_relay()
                sent = 0
                while (batch := relay.run_once()) > 0:
                    sent += batch
                return sent
            except Exception:  # the rows stay in the outbox for the next attempt
                log.exception("partner snapshots not sent yet; will retry")
                return 0

    def _ensure_topics(self) -> None:
        with self._sessions() as session:
            names = set(
                session.scalars(select(outbox.c.topic).where(outbox.c.published_at.is_(None)))
            )
        missing = tuple(topic(n) for n in sorted(names - self._created))
        if missing:
            ensure_topics(self._kafka.bootstrap_servers, missing)
            self._created.update(t.name for t in missing)

    def _build_relay(self) -> OutboxRelay:
        sink = KafkaSink(self._kafka, client_id=f"{SERVICE_NAME}-partners")
        self._relay = OutboxRelay(sessions=self._sessions, table=outbox, publisher=Publisher(sink))
        return self._relay
